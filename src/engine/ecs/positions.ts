/** A copy of `positions`, doubled until `index` fits (for arrays indexed by entity handle). */
export function grownToFit(positions: Int32Array, index: number): Int32Array<ArrayBuffer> {
  let size = positions.length * 2;
  while (size <= index) size *= 2;
  const grown = new Int32Array(size);
  grown.set(positions);
  return grown;
}
