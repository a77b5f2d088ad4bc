import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FrontDoorHandler } from '@mini-crm/api/tracking';

/**
 * The API's HTTP server: requests a front-door handler claims (the tracked redirect and the open
 * pixel, the busiest public URLs) are answered before Fastify; every other request goes to Fastify
 * with all its hooks. The handler is installed once the Nest app exists (`use`).
 */
export class FrontDoor {
  private handler: FrontDoorHandler = () => false;

  use(handler: FrontDoorHandler): void {
    this.handler = handler;
  }

  /** Fastify's `serverFactory` option. */
  readonly serverFactory = (fastify: (req: IncomingMessage, res: ServerResponse) => void): Server => {
    const server = createServer((req, res) => {
      if (!this.handler(req, res)) fastify(req, res);
    });
    // Fastify sets its 72 s keep-alive only on servers it creates itself. Node's 5 s default let a
    // client reuse a socket the server was closing at that moment ("other side closed") whenever
    // the event loop was busy; idle sockets must also outlive a load balancer's 60 s idle timeout.
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    return server;
  };
}

const KEEP_ALIVE_TIMEOUT_MS = 72_000;
