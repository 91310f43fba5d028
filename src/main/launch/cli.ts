// `npm run studio`: runs the studio command from the TypeScript sources (via tsx).
import { studioCommand } from './studio-command';

process.exitCode = await studioCommand(process.argv.slice(2));
