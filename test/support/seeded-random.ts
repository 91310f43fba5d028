/**
 * A small seeded random number source for tests that make long random runs:
 * the same seed gives the same run. A 32-bit linear congruential generator,
 * read from its high bits (the low bits of an LCG repeat quickly).
 */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 16) % n;
  };
}

/** mulberry32: a seeded source of floats in [0, 1), for fuzzers that draw many kinds of values. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
