/**
 * JSON text of a value that came from pack code (captured state in a
 * reload's stateDiff): a BigInt becomes a string and a cycle a marker,
 * instead of the whole answer failing.
 */
export function toJson(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[Circular]';
      seen.add(v);
    }
    return v;
  });
}
