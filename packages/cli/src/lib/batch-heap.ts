import { setFlagsFromString } from 'node:v8'

/**
 * How much V8 may grow the old generation past what the last full collection left, in percent, while a CSV batch
 * runs. A batch allocates fast and keeps little (~100 bytes a credential in the store's index), so V8's own choice —
 * up to 4× the live size, sized for throughput — lets garbage pile up to ~190 MB peak RSS; 20 % keeps the peak under
 * 160 MB at any size (10,000 to 100,000 rows measured) for ~10 % more CPU time spent collecting.
 * See docs/decisions/2026-11-30-cli-batch-memory.md.
 */
const BATCH_HEAP_GROWING_PERCENT = 20

/**
 * Runs `work` with the batch's heap growth; V8's default (dynamic) growth is restored afterwards. The setting is a
 * number V8 reads each time it sizes the heap after a collection, so changing it while running is safe.
 */
export async function withBatchHeap<T>(work: () => Promise<T>): Promise<T> {
  setFlagsFromString(`--heap-growing-percent=${BATCH_HEAP_GROWING_PERCENT}`)
  try {
    return await work()
  } finally {
    setFlagsFromString('--heap-growing-percent=0')
  }
}
