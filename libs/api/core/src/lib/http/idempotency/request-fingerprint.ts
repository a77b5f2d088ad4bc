import { createHash, type Hash } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';

/** The parts of a Fastify request (with @fastify/multipart) a fingerprint reads. */
export interface FingerprintedRequest {
  method: string;
  url: string;
  body?: unknown;
  rawBody?: Buffer;
  isMultipart?: () => boolean;
  parts?: () => AsyncIterableIterator<Part>;
}
type Part =
  | { type: 'file'; fieldname: string; filename: string; file: Readable & { truncated?: boolean } }
  | { type: 'field'; fieldname: string; value: unknown };

/** A hash of a request's method, URL and body, as far as the body has been read. */
export interface Fingerprint {
  /** The hash once the whole body has been read, else null. */
  digest(): string | null;
}

export function isMultipart(req: FingerprintedRequest): boolean {
  return typeof req.parts === 'function' && typeof req.isMultipart === 'function' && req.isMultipart();
}

function start(req: FingerprintedRequest): Hash {
  return createHash('sha256').update(`${req.method}\n${req.url}\n`);
}

/** A JSON (or empty) body is parsed before the route: hash its bytes as they came. */
export function jsonFingerprint(req: FingerprintedRequest): string {
  const hash = start(req);
  hash.update(Buffer.isBuffer(req.rawBody) ? req.rawBody : JSON.stringify(req.body ?? null));
  return hash.digest('hex');
}

/**
 * A multipart body streams through the handler, so it is hashed as the handler reads it: each field
 * (name, value) and each file (field, file name, bytes), never the boundary, which differs per send.
 * Replaces `req.parts` with a reader that hashes on the way; `digest()` answers once every part is read.
 */
export function hashMultipartAsRead(req: FingerprintedRequest): Fingerprint {
  const hash = start(req);
  const parts = (req.parts as () => AsyncIterableIterator<Part>).bind(req);
  let result: string | null = null;
  req.parts = async function* () {
    for await (const part of parts()) {
      if (part.type === 'field') {
        hash.update(`field\0${part.fieldname}\0${String(part.value ?? '')}\0`);
      } else {
        hash.update(`file\0${part.fieldname}\0${part.filename ?? ''}\0`);
        const source = part.file;
        const hashed = new Transform({
          transform(chunk: Buffer, _enc, done) {
            hash.update(chunk);
            done(null, chunk);
          },
        });
        pipeline(source, hashed, () => undefined); // an error of the source reaches the reader through `hashed`
        Object.defineProperty(hashed, 'truncated', { get: () => source.truncated });
        part.file = hashed;
      }
      yield part;
    }
    result = hash.digest('hex');
  };
  return { digest: () => result };
}

/** Reads a whole multipart body (without keeping it) and answers its fingerprint. */
export async function drainMultipart(req: FingerprintedRequest): Promise<string | null> {
  const fingerprint = hashMultipartAsRead(req);
  for await (const part of (req.parts as () => AsyncIterableIterator<Part>)())
    if (part.type === 'file') for await (const chunk of part.file) void chunk;
  return fingerprint.digest();
}
