import { defineComponent } from '@maid/engine';

/** The coins a character has on them (not items: a purse never fills a hand). */
export const Purse = defineComponent({
  name: 'Purse',
  version: 1,
  defaults: () => ({ coins: 0 }),
});

/** A pile of coins lying somewhere; picked up, it goes into the purse. */
export const Coins = defineComponent({
  name: 'Coins',
  version: 1,
  defaults: () => ({ amount: 1 }),
});

/** What a shop asks for an item; it pays half of it. */
export const Value = defineComponent({
  name: 'Value',
  version: 1,
  defaults: () => ({ coins: 0 }),
});

/** Someone who sells the listed item prototypes and buys anything of value. */
export const Shopkeeper = defineComponent({
  name: 'Shopkeeper',
  version: 1,
  defaults: () => ({ stock: [] as string[] }),
});
