export * from './lib/providers/ai-provider.types';
export * from './lib/providers/ai.errors';
export {
  SMS_MAX_SEGMENTS,
  checkMessageOptions,
  fitSmsLength,
  smsFitsLength,
  type DraftMessageOption,
  type MessageCheckContext,
} from './lib/providers/message-checks.util';
export { GeminiAiProvider, type AiLogger, type GeminiProviderOptions } from './lib/providers/gemini.provider';
export { OfflineAiProvider } from './lib/offline/offline.provider';
export { parseSegmentPhrase } from './lib/offline/segment-phrase-parser.util';
export { AiModule } from './lib/nest/ai.module';
export { AiService, MIN_MESSAGE_OPTIONS } from './lib/nest/ai.service';
export {
  AI_FALLBACKS,
  DEFAULT_GEMINI_MODEL,
  readAiSettings,
  type AiFallback,
  type AiSettings,
} from './lib/nest/ai-settings.util';
