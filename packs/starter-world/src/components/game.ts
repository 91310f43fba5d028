// The components of the game systems (equipment, trade, containers, conversations), kept
// out of index.ts so the world's own components stay as they were.
import { Container } from './container';
import { Conversation } from './conversation';
import { Equippable, Equipped } from './gear';
import { MadeFrom } from './made-from';
import { Coins, Purse, Shopkeeper, Value } from './trade';

export { Container } from './container';
export { Conversation } from './conversation';
export { Equippable, Equipped, SLOTS, type Slot } from './gear';
export { MadeFrom } from './made-from';
export { Coins, Purse, Shopkeeper, Value } from './trade';

export const GEAR_COMPONENTS = [Equippable, Equipped, Purse, Coins, Value, Shopkeeper, Container, MadeFrom, Conversation];
