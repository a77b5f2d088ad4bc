import { ApiError, GoogleGenAI } from '@google/genai';
import type { SegmentGroup } from '@mini-crm/contracts';
import type { AiProvider, MessageOption, MessageSuggestionRequest, SegmentRulesRequest } from './ai-provider.types';
import { AiError, AiTimeoutError, AiUpstreamError } from './ai.errors';
import { type GeminiPrompt, messagePrompt, segmentRulesPrompt } from './gemini-prompts.util';
import { parseModelJson, readMessageDrafts, readSegmentAnswer } from './gemini-response.util';
import { messageOptionsSchema, SEGMENT_RULES_SCHEMA } from './gemini-schemas';
import { checkMessageOptions } from './message-checks.util';
import { withRetries } from './retry.util';

export interface AiLogger {
  warn(message: string): void;
}

export interface GeminiProviderOptions {
  apiKey: string;
  /** Default `gemini-2.5-flash`. */
  model?: string;
  /** Overrides the API root (the SDK appends `/v1beta/models/<model>:generateContent`). */
  baseUrl?: string;
  /** Per attempt; default 20 000. Timeouts are not retried, so a call waits at most about this long. */
  timeoutMs?: number;
  /** Retries after 408/429/5xx answers and network failures; default 2. */
  maxRetries?: number;
  /** First backoff delay, doubled on each retry; default 500. */
  retryBaseDelayMs?: number;
  logger?: AiLogger;
}

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * Gemini through the official SDK, with structured (JSON-schema) output. The SDK's own retry
 * layer stays off (it only runs when `httpOptions.retryOptions` is set); retries happen here so
 * their count and delays are ours and failures map to typed errors.
 */
export class GeminiAiProvider implements AiProvider {
  readonly name = 'gemini' as const;
  private readonly ai: GoogleGenAI;
  private readonly model: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseDelayMs: number;

  constructor(private readonly options: GeminiProviderOptions) {
    this.model = options.model ?? 'gemini-2.5-flash';
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.maxRetries = options.maxRetries ?? 2;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 500;
    this.ai = new GoogleGenAI({
      apiKey: options.apiKey,
      vertexai: false,
      httpOptions: {
        timeout: this.timeoutMs,
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        // With its own fetch the SDK skips its Undici no-timeout dispatcher, which reads Undici's
        // global from globalThis and fails inside VM contexts (jest). That dispatcher only lifts
        // Undici's 300 s header/body timeouts, far above the timeout this provider enforces.
        fetch: (input, init) => fetch(input, init),
      },
    });
  }

  async suggestMessages(req: MessageSuggestionRequest): Promise<MessageOption[]> {
    const json = await this.generateJson(messagePrompt(req), messageOptionsSchema(req.channel), 0.8);
    const options = checkMessageOptions(readMessageDrafts(json), req);
    if (!options.length) throw new AiUpstreamError('No Gemini suggestion passed the message checks');
    return options;
  }

  async segmentRulesFromText(req: SegmentRulesRequest): Promise<SegmentGroup> {
    const json = await this.generateJson(segmentRulesPrompt(req), SEGMENT_RULES_SCHEMA, 0.1);
    return readSegmentAnswer(json);
  }

  private async generateJson(
    prompt: GeminiPrompt,
    schema: Record<string, unknown>,
    temperature: number,
  ): Promise<unknown> {
    const response = await withRetries(
      () =>
        this.ai.models.generateContent({
          model: this.model,
          contents: prompt.contents,
          config: {
            systemInstruction: prompt.systemInstruction,
            responseMimeType: 'application/json',
            responseJsonSchema: schema,
            temperature,
          },
        }),
      {
        maxRetries: this.maxRetries,
        baseDelayMs: this.retryBaseDelayMs,
        shouldRetry: (e) => (e instanceof ApiError ? RETRYABLE_STATUS(e.status) : isNetworkError(e)),
        onRetry: (e, attempt, delayMs) =>
          this.options.logger?.warn(`Gemini call failed (${describe(e)}); retry ${attempt} in ${delayMs} ms`),
      },
    ).catch((e: unknown) => {
      throw this.toAiError(e);
    });
    const candidate = response.candidates?.[0];
    if (candidate?.finishReason && candidate.finishReason !== 'STOP') {
      throw new AiUpstreamError(`Gemini stopped early (${candidate.finishReason})`);
    }
    return parseModelJson(response.text);
  }

  private toAiError(e: unknown): AiError {
    if (e instanceof AiError) return e;
    if (isAbort(e)) return new AiTimeoutError(`Gemini did not answer within ${this.timeoutMs} ms`);
    if (e instanceof ApiError) return new AiUpstreamError(`Gemini answered HTTP ${e.status}`, e.status, { cause: e });
    return new AiUpstreamError(`Gemini request failed: ${describe(e)}`, undefined, { cause: e });
  }
}

/**
 * fetch errors come from Node's own realm (not instanceof this realm's Error inside VM contexts
 * such as jest) and the SDK may wrap them, so errors are recognised by name along the cause chain.
 */
function causeChain(e: unknown): { name?: unknown; message?: unknown }[] {
  const chain: { name?: unknown; message?: unknown; cause?: unknown }[] = [];
  for (let cur = e; typeof cur === 'object' && cur !== null && chain.length < 5; ) {
    const link = cur as { name?: unknown; message?: unknown; cause?: unknown };
    chain.push(link);
    cur = link.cause;
  }
  return chain;
}

function isAbort(e: unknown): boolean {
  return causeChain(e).some((c) => c.name === 'AbortError' || c.name === 'TimeoutError');
}

/** fetch rejects with a TypeError ("fetch failed") when the connection itself fails. */
function isNetworkError(e: unknown): boolean {
  return !isAbort(e) && causeChain(e).some((c) => c.name === 'TypeError' && c.message === 'fetch failed');
}

function describe(e: unknown): string {
  if (e instanceof ApiError) return `HTTP ${e.status}`;
  const last = causeChain(e).pop();
  return typeof last?.message === 'string' ? last.message : String(e);
}
