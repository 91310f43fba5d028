// The game systems' commands: equipment, shops, and talking beyond the room.
import { equipment, remove, wear, wield } from './equipment';
import { buy, list, sell } from './shop';
import { chat, emote, reply, tell } from './talk';

export const GAME_COMMANDS = [wield, wear, remove, equipment, list, buy, sell, tell, reply, emote, chat];
