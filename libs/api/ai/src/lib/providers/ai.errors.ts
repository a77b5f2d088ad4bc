export interface AiErrorDetail {
  path: string;
  message: string;
}

/** Base of the AI errors; carries the HTTP mapping of the API's error shape. */
export abstract class AiError extends Error {
  abstract readonly statusCode: number;
  abstract readonly error: string;

  constructor(
    message: string,
    readonly details?: AiErrorDetail[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The model service failed, answered an error, or answered something we cannot use. */
export class AiUpstreamError extends AiError {
  readonly statusCode = 502;
  readonly error = 'Bad Gateway';

  constructor(
    message: string,
    readonly upstreamStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, undefined, options);
  }
}

/** The model service did not answer within the configured timeout. */
export class AiTimeoutError extends AiError {
  readonly statusCode = 504;
  readonly error = 'Gateway Timeout';
}

/** Parts of an audience description could not be turned into rules. */
export class AiUnderstandingError extends AiError {
  readonly statusCode = 422;
  readonly error = 'Unprocessable Entity';

  constructor(readonly unrecognized: string[]) {
    super(
      unrecognized.length
        ? `Could not understand: ${unrecognized.map((part) => `"${part}"`).join(', ')}`
        : 'Could not understand the description',
      unrecognized.map((part) => ({ path: 'text', message: `could not understand "${part}"` })),
    );
  }
}
