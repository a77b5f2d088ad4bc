export interface RetryOptions {
  maxRetries: number;
  baseDelayMs: number;
  shouldRetry: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Runs fn, retrying retryable failures with exponential backoff (base·2^n plus up to 25 % jitter). */
export async function withRetries<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= opts.maxRetries || !opts.shouldRetry(error)) throw error;
      const delayMs = Math.round(opts.baseDelayMs * 2 ** attempt * (1 + Math.random() * 0.25));
      opts.onRetry?.(error, attempt + 1, delayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
