import data from '../data/rooms.json';
import type { WorldData } from './build';

export const WORLD_DATA = data as WorldData;
export const START_ROOM = WORLD_DATA.start;
