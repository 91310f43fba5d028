/**
 * Random and malformed link frames, seeded so a failing run can be replayed:
 * values of every JSON-ish shape, frames of every type with fields of the
 * wrong type, batches mixing good and bad items.
 */
import { prng } from '../support/seeded-random';

export { prng };

const KEYS = ['t', 'k', 's', 'items', 'lines', 'lead', 'answer', 'text', 'prompt', 'pkg', 'data', 'caps', 'gmcp', 'supports', 'id', 'op', 'body', 'ok', 'kind', 'message', 'version', 'pid', 'pack', 'summary', 'broken', 'watching', 'tick', 'result', 'reason', 'restart', 'character', 'resume', 'protocol', 'address', 'limit', 'max', 'hidden', '__proto__', 'constructor'];

export function randomValue(rand: () => number, depth = 0): unknown {
  const pick = Math.floor(rand() * (depth > 3 ? 7 : 10));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return rand() < 0.5;
    case 3:
      return [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, Math.floor(rand() * 1000)][Math.floor(rand() * 7)];
    case 4:
      return ['', 'look', 'x'.repeat(Math.floor(rand() * 5000)), '\u0000\uffff', 'Char.Vitals', 'telnet', 'open'][Math.floor(rand() * 7)];
    case 5:
      return BigInt(Math.floor(rand() * 100));
    case 6:
      return new Date(Math.floor(rand() * 1e12));
    case 7:
      return Array.from({ length: Math.floor(rand() * 6) }, () => randomValue(rand, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 6); i > 0; i--) o[KEYS[Math.floor(rand() * KEYS.length)] as string] = randomValue(rand, depth + 1);
      return o;
    }
  }
}

/** A frame of one of `types`, its fields random: sometimes right, mostly wrong; items name sessions from `sessionBase` on. */
export function randomFrame(rand: () => number, types: readonly string[], itemKinds: readonly string[], sessionBase = 0): unknown {
  if (rand() < 0.15) return randomValue(rand);
  const frame: Record<string, unknown> = { t: types[Math.floor(rand() * types.length)] };
  for (let i = Math.floor(rand() * 5); i > 0; i--) frame[KEYS[Math.floor(rand() * KEYS.length)] as string] = randomValue(rand, 1);
  if (rand() < 0.5) {
    frame['items'] = Array.from({ length: Math.floor(rand() * 20) }, () => {
      const item: Record<string, unknown> = { k: itemKinds[Math.floor(rand() * itemKinds.length)], s: rand() < 0.7 ? sessionBase + Math.floor(rand() * 5) : randomValue(rand, 2) };
      for (let j = Math.floor(rand() * 4); j > 0; j--) item[KEYS[Math.floor(rand() * KEYS.length)] as string] = randomValue(rand, 2);
      return item;
    });
  }
  return frame;
}
