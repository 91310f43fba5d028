import { defineEventHandler, type ContentAppliedEvent } from '@maid/engine';
import { applyLoot } from './loot-data';

/**
 * The creatures come from areas/creatures.yaml: once the content is on the
 * world (at load, at each reload, and when a destroyed one respawns) they
 * get their loot tables.
 */
export const lootOnContent = defineEventHandler<ContentAppliedEvent>('content:applied', (_event, { world }) => applyLoot(world));
export const lootOnRespawn = defineEventHandler('content:spawned', (_event, { world }) => applyLoot(world));
