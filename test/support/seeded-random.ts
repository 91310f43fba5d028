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
