import type { OpenAPIObject } from '@nestjs/swagger';

const notFound = {
  description: 'Malformed, forged or unknown code (nothing recorded)',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorDto' } } },
};

/**
 * OpenAPI description of the tracking routes, which are answered in front of Fastify (see TrackingRoutes) and
 * so invisible to the Nest document scanner. Public: the signed code is the credential.
 */
export const TRACKING_OPENAPI_PATHS: OpenAPIObject['paths'] = {
  '/r/{code}': {
    get: {
      operationId: 'Tracking_click',
      tags: ['tracking'],
      summary:
        'Tracked link: records a click and redirects to the campaign link (HEAD answers the same, labelled machine)',
      security: [],
      parameters: [
        {
          name: 'code',
          in: 'path',
          required: true,
          description: 'Signed click code (message and link)',
          schema: { type: 'string', example: 'AZNqpvR0dGCnXj8WkC3o2gEXs3dPq1wmPQ' },
        },
        {
          name: 'user-agent',
          in: 'header',
          required: false,
          description: 'Recorded with the hit (machine labelling)',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '302': { description: 'Redirect; `Location` is the URL stored for the campaign' },
        '404': notFound,
      },
    },
  },
  '/o/{file}': {
    get: {
      operationId: 'Tracking_open',
      tags: ['tracking'],
      summary: 'Open pixel: records an open and answers a 1×1 GIF',
      security: [],
      parameters: [
        {
          name: 'file',
          in: 'path',
          required: true,
          description: 'Signed open code followed by `.gif`',
          schema: { type: 'string', example: 'AZNqpvR0dGCnXj8WkC3o2kq1wmPQe5Zc.gif' },
        },
      ],
      responses: {
        '200': {
          description: '43-byte transparent GIF, `Cache-Control: no-store`',
          content: { 'image/gif': { schema: { type: 'string', format: 'binary' } } },
        },
        '404': notFound,
      },
    },
  },
};
