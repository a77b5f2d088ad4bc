import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { startTestApp } from '@mini-crm/api/testing';

/** Every outgoing TCP connection this process opens while `run` runs (node's `net.client.socket` channel). */
async function clientSocketsOpenedBy(run: () => Promise<void>): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const onSocket = (message: unknown) => sockets.push((message as { socket: Socket }).socket);
  subscribe('net.client.socket', onSocket);
  try {
    await run();
  } finally {
    unsubscribe('net.client.socket', onSocket);
  }
  return sockets;
}

/** Resolves once `socket` has closed; rejects when it is still open after `ms` (a leaked connection). */
async function closed(socket: Socket, ms: number): Promise<void> {
  if (socket.closed) return;
  let timer: NodeJS.Timeout | undefined;
  const leaked = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`connection to port ${socket.remotePort} still open`)), ms);
  });
  try {
    await Promise.race([once(socket, 'close'), leaked]);
  } finally {
    clearTimeout(timer);
  }
}

// An app that stops while its BullMQ queues and workers are still connecting used to leave a
// connection behind that failed later with an uncaught 'error' ("Connection is closed"). Graceful
// shutdown means: close() returns, and every connection the app opened (the database pool and Redis:
// cache, rate limits, queues, workers) is closed, without waiting on a timer. The server driver: three
// PGlite starts in one test took over 180 s on a loaded CI.
describe('shutdown right after start', () => {
  it('closes every connection it opened, several times over', async () => {
    const sockets = await clientSocketsOpenedBy(async () => {
      for (let i = 0; i < 3; i++) {
        const t = await startTestApp({ driver: 'pg' });
        await t.close();
      }
    });
    expect(sockets.length).toBeGreaterThanOrEqual(3); // the apps did connect (Redis at least once each)
    await Promise.all(sockets.map((s) => closed(s, 5000)));
    expect(sockets.filter((s) => !s.destroyed)).toEqual([]);
  });
});
