/**
 * An answer already serialized as JSON (a page PostgreSQL built): Fastify sends the text as it is
 * (`jsonTextSerializer`), so the API neither parses nor re-stringifies it. A layer that must change the
 * body (contact masking) parses it; anything else that stringifies it gets the same JSON (`toJSON`).
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** `{ items, nextCursor }` from items that are JSON texts already (the shape of `Page<T>`). */
export function jsonPage(itemTexts: readonly string[], nextCursor: string | null): JsonText {
  return new JsonText(`{"items":[${itemTexts.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`);
}

/** Fastify's reply serializer: a `JsonText` as it is, anything else as Fastify's default (no response schemas here). */
export function jsonTextSerializer(payload: unknown): string {
  return payload instanceof JsonText ? payload.text : JSON.stringify(payload);
}
