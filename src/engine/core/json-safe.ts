/**
 * A copy of a value that survives JSON and structured clone: Maps and Sets
 * become objects and arrays, functions and symbols are named, cycles and
 * very deep or wide values are cut with a marker, so a system's odd captured
 * state can never break the timeline.
 */
export function toJsonSafe(value: unknown, maxDepth = 12, maxEntries = 1000): unknown {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        return Number.isFinite(v) ? v : String(v);
      case 'bigint':
        return `${v.toString()}n`;
      case 'undefined':
        return null;
      case 'function':
        return `[function ${(v as { name?: string }).name || 'anonymous'}]`;
      case 'symbol':
        return v.toString();
    }
    if (v === null) return null;
    const obj = v as object;
    if (seen.has(obj)) return '[circular]';
    if (depth >= maxDepth) return '[too deep]';
    seen.add(obj);
    try {
      if (obj instanceof Date) return obj.toISOString();
      if (obj instanceof Map) return walk(Object.fromEntries([...obj.entries()].slice(0, maxEntries).map(([k, x]) => [String(k), x])), depth);
      if (obj instanceof Set) return walk([...obj].slice(0, maxEntries), depth);
      if (Array.isArray(obj)) return obj.slice(0, maxEntries).map((x) => walk(x, depth + 1));
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(obj).slice(0, maxEntries)) out[k] = walk(x, depth + 1);
      return out;
    } finally {
      seen.delete(obj);
    }
  };
  return walk(value, 0);
}
