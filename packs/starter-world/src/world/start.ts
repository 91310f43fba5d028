import { fileURLToPath } from 'node:url';

/** Where new characters appear (and the dead wake up): a room of areas/town.yaml. */
export const START_ROOM = 'starter-world:town-square';

/** The pack's area files (rooms, items and where they lie): docs/building-a-world.md. */
export const AREAS_DIR = fileURLToPath(new URL('../../areas', import.meta.url));
