import { ConfigError, readEnum, readInt, readString, readUrl } from '@mini-crm/api/core';

export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash';
export const AI_FALLBACKS = ['offline', 'none'] as const;
export type AiFallback = (typeof AI_FALLBACKS)[number];

export interface AiSettings {
  /** Undefined when unset or empty: the offline provider answers. */
  geminiApiKey?: string;
  geminiModel: string;
  geminiBaseUrl?: string;
  geminiTimeoutMs: number;
  geminiMaxRetries: number;
  /** `offline`: when Gemini fails (502/504), the offline provider answers instead. */
  fallback: AiFallback;
  /** 0 turns the answer cache off. */
  cacheTtlSeconds: number;
  rateLimitPerMinute: number;
}

const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The AI module's settings from the environment; a bad value throws ConfigError naming the variable. */
export function readAiSettings(env: Record<string, string | undefined>): AiSettings {
  const geminiModel = readString(env, 'GEMINI_MODEL', DEFAULT_GEMINI_MODEL) as string;
  if (!MODEL_NAME.test(geminiModel))
    throw new ConfigError(`GEMINI_MODEL must be a model name such as ${DEFAULT_GEMINI_MODEL}, got "${geminiModel}"`);
  return {
    geminiApiKey: readString(env, 'GEMINI_API_KEY'),
    geminiModel,
    geminiBaseUrl: readUrl(env, 'GEMINI_BASE_URL')?.replace(/\/+$/, ''),
    geminiTimeoutMs: readInt(env, 'GEMINI_TIMEOUT_MS', 20_000, 100, 600_000),
    geminiMaxRetries: readInt(env, 'GEMINI_MAX_RETRIES', 2, 0, 10),
    fallback: readEnum(env, 'AI_FALLBACK', AI_FALLBACKS, 'none'),
    cacheTtlSeconds: readInt(env, 'AI_CACHE_TTL_SECONDS', 3600, 0, 30 * 86_400),
    rateLimitPerMinute: readInt(env, 'AI_RATE_LIMIT_PER_MINUTE', 60, 1, 100_000),
  };
}
