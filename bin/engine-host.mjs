// The engine host's process (started by the gateway): the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { runEngineHost } = await import('../src/engine-host/main.ts');
runEngineHost();
