/** A stored answer to send again as it was (thrown by IdempotencyInterceptor, sent by AllExceptionsFilter). */
export class ReplayedResponse {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
