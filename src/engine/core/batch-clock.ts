/**
 * Which guarded batch runs now, and under what limit, in shared memory: the
 * runaway guard writes it (two atomic operations a batch), and the threads
 * that watch batches read it (the locator that samples a runaway's stack,
 * the signal cut-off). One clock, whichever of them runs.
 *
 * Slot BATCH_SEQ is the batch sequence, odd while a batch runs; BATCH_LIMIT
 * its limit in ms. A worker gets `batchClock` in its workerData.
 */
export const BATCH_SEQ = 0;
export const BATCH_LIMIT = 1;

export const batchClock = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));

/** A batch with this limit starts; returns its sequence number. */
export function beginBatch(limitMs: number): number {
  Atomics.store(batchClock, BATCH_LIMIT, limitMs);
  return Atomics.add(batchClock, BATCH_SEQ, 1) + 1;
}

/** The batch ended (finished or cut off). */
export function endBatch(): void {
  Atomics.add(batchClock, BATCH_SEQ, 1);
}
