import { createHash, randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

/** How long a stream ticket may wait before it is used. */
export const STREAM_TICKET_TTL_SECONDS = 30;

const key = (ticket: string) => `stream-ticket:${createHash('sha256').update(ticket).digest('hex')}`;

/**
 * Single-use tickets for server-sent event streams (EventSource cannot send an Authorization
 * header, and access tokens never go in a URL). Stored hashed with the user id; the user's role
 * and active flag are read when the ticket is used, not when it was issued.
 */
export async function issueStreamTicket(redis: Redis, userId: string): Promise<string> {
  const ticket = randomBytes(32).toString('base64url');
  await redis.set(key(ticket), userId, 'EX', STREAM_TICKET_TTL_SECONDS);
  return ticket;
}

/** The user id of an unused, unexpired ticket (which is spent now); null for anything else. */
export async function redeemStreamTicket(redis: Redis, ticket: unknown): Promise<string | null> {
  if (typeof ticket !== 'string' || ticket.length < 20 || ticket.length > 100) return null;
  return redis.getdel(key(ticket));
}
