/** A single-use ticket for one server-sent event stream: `GET …/stream?ticket=…` (EventSource sends no headers). */
export class StreamTicketDto {
  /** Opaque; valid once, within `expiresIn` seconds. */
  ticket!: string;
  /** Seconds the ticket stays valid if unused. */
  expiresIn!: number;
}
