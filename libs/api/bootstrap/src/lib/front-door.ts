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
  readonly serverFactory = (fastify: (req: IncomingMessage, res: ServerResponse) => void): Server =>
    createServer((req, res) => {
      if (!this.handler(req, res)) fastify(req, res);
    });
}
