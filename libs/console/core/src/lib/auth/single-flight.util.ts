/**
 * Runs at most one task at a time: callers arriving while it runs get the same promise,
 * callers after it settled start a new one.
 */
export class SingleFlight<T> {
  private current: Promise<T> | null = null;

  get inFlight(): boolean {
    return this.current !== null;
  }

  run(task: () => Promise<T>): Promise<T> {
    if (!this.current) {
      const started = Promise.resolve().then(task);
      this.current = started;
      const settle = () => {
        if (this.current === started) this.current = null;
      };
      started.then(settle, settle);
    }
    return this.current;
  }
}
