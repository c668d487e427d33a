/** Collects stop functions of what was started and runs them in reverse order, once. */
export class CleanupStack {
  private readonly tasks: { name: string; fn: () => Promise<void> | void }[] = [];
  private running: Promise<void> | null = null;

  push(name: string, fn: () => Promise<void> | void): void {
    this.tasks.push({ name, fn });
  }

  run(onError: (name: string, err: unknown) => void): Promise<void> {
    this.running ??= (async () => {
      for (const task of this.tasks.reverse()) {
        try {
          await task.fn();
        } catch (err) {
          onError(task.name, err);
        }
      }
    })();
    return this.running;
  }
}
