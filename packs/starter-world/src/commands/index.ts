import { look } from './look';
import { directionCommands, go } from './movement';
import { say } from './say';
import { who } from './who';
import { drop, get, inventory } from './items';
import { help, quit } from './session';
import { GAME_COMMANDS } from './game';

export const ALL_COMMANDS = [look, ...directionCommands, go, say, who, inventory, get, drop, help, quit, ...GAME_COMMANDS];
