/** Runs tasks with the same key one after another (one user's messages), others in parallel. */
export type KeyedLock = { run<T>(key: string, task: () => Promise<T>): Promise<T> };

/** An in-process lock per key; the tail promise is dropped once the key is idle. */
export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
