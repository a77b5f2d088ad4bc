import { Logger } from '@nestjs/common';
import type { AiProviderName } from '@mini-crm/contracts';
import type { AiProvider } from '../providers/ai-provider.types';
import { AiTimeoutError, AiUpstreamError } from '../providers/ai.errors';
import { GeminiAiProvider } from '../providers/gemini.provider';
import { OfflineAiProvider } from '../offline/offline.provider';
import type { AiSettings } from './ai-settings.util';

export const AI_SETTINGS = Symbol('AI_SETTINGS');

export interface AiAnswer<T> {
  provider: AiProviderName;
  value: T;
  /** True when the fallback answered after the primary provider failed. */
  fellBack: boolean;
}

/** The configured provider plus the optional offline fallback for Gemini failures (502/504). */
export class AiProviderChain {
  constructor(
    readonly primary: AiProvider,
    /** Model name for cache keys and logs; null for the offline provider. */
    readonly model: string | null,
    private readonly fallback: AiProvider | null,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  async run<T>(task: (provider: AiProvider) => Promise<T>): Promise<AiAnswer<T>> {
    try {
      return { provider: this.primary.name, value: await task(this.primary), fellBack: false };
    } catch (e) {
      const failed = e instanceof AiUpstreamError || e instanceof AiTimeoutError;
      if (!this.fallback || !failed) throw e;
      this.logger.warn(
        `${this.primary.name} failed (${e.message}); the ${this.fallback.name} provider answers instead`,
      );
      return { provider: this.fallback.name, value: await task(this.fallback), fellBack: true };
    }
  }
}

export function createProviderChain(
  settings: AiSettings,
  logger: Pick<Logger, 'warn'> = new Logger('Ai'),
): AiProviderChain {
  const offline = new OfflineAiProvider();
  if (!settings.geminiApiKey) return new AiProviderChain(offline, null, null, logger);
  const gemini = new GeminiAiProvider({
    apiKey: settings.geminiApiKey,
    model: settings.geminiModel,
    baseUrl: settings.geminiBaseUrl,
    timeoutMs: settings.geminiTimeoutMs,
    maxRetries: settings.geminiMaxRetries,
    logger: { warn: (m) => logger.warn(m) },
  });
  return new AiProviderChain(gemini, settings.geminiModel, settings.fallback === 'offline' ? offline : null, logger);
}
