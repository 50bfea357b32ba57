/** Runs `task` once every earlier task with the same key has settled. */
export type KeyedRunner = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/**
 * Tasks that share a key run one after another; tasks with different keys run
 * side by side. A batch can hold the same upload twice (S3, SNS and SQS
 * deliver at least once, and moto announces a multipart upload twice), and
 * Powertools' BatchProcessor handles a batch's messages concurrently. Side by
 * side, both copies download and decode the image, and the second can take the
 * first's half-finished work for an interrupted run and announce it again; one
 * after the other, the second finds the first's work done. This covers one
 * execution environment; across environments the handlers stay idempotent.
 */
export function oneAtATimePerKey(): KeyedRunner {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const current = previous.then(task);
    // The next task waits for this one to settle, whether it succeeded or failed.
    const tail = current.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
