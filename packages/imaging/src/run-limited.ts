/**
 * Runs at most `concurrency` tasks at once, in the order they were queued.
 *
 * The renditions of one image are CPU-bound libvips jobs. Started all at once
 * they share the CPUs evenly, which slows the longest job (the 2048 px WebP)
 * that the whole set waits for; queued in order with one job per CPU, the
 * longest runs undisturbed while the short ones follow each other beside it.
 */
export function runLimited(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  const limit = Math.max(1, Math.floor(concurrency));
  const waiting: (() => void)[] = [];
  let running = 0;
  const next = () => {
    if (running >= limit) return;
    const start = waiting.shift();
    if (start) {
      running += 1;
      start();
    }
  };
  return (task) =>
    new Promise((resolve, reject) => {
      waiting.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            running -= 1;
            next();
          });
      });
      next();
    });
}
