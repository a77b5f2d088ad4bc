import { ConfigError } from '@mini-crm/api/core';
import { readAiSettings } from './ai-settings.util';

describe('readAiSettings', () => {
  it('defaults to no key (offline), a Flash model, no fallback, 1 h cache and 60 requests a minute', () => {
    expect(readAiSettings({ GEMINI_API_KEY: '  ' })).toEqual({
      geminiApiKey: undefined,
      geminiModel: 'gemini-2.5-flash',
      geminiBaseUrl: undefined,
      geminiTimeoutMs: 20_000,
      geminiMaxRetries: 2,
      fallback: 'none',
      cacheTtlSeconds: 3600,
      rateLimitPerMinute: 60,
    });
  });

  it('reads every variable', () => {
    const s = readAiSettings({
      GEMINI_API_KEY: 'k',
      GEMINI_MODEL: 'gemini-2.5-flash-lite',
      GEMINI_BASE_URL: 'http://127.0.0.1:9999/',
      GEMINI_TIMEOUT_MS: '5000',
      GEMINI_MAX_RETRIES: '0',
      AI_FALLBACK: 'offline',
      AI_CACHE_TTL_SECONDS: '0',
      AI_RATE_LIMIT_PER_MINUTE: '5',
    });
    expect(s).toEqual({
      geminiApiKey: 'k',
      geminiModel: 'gemini-2.5-flash-lite',
      geminiBaseUrl: 'http://127.0.0.1:9999',
      geminiTimeoutMs: 5000,
      geminiMaxRetries: 0,
      fallback: 'offline',
      cacheTtlSeconds: 0,
      rateLimitPerMinute: 5,
    });
  });

  it.each([
    ['GEMINI_MODEL', '../../evil'],
    ['GEMINI_BASE_URL', 'not a url'],
    ['GEMINI_TIMEOUT_MS', 'soon'],
    ['GEMINI_MAX_RETRIES', '99'],
    ['AI_FALLBACK', 'always'],
    ['AI_CACHE_TTL_SECONDS', '-1'],
    ['AI_RATE_LIMIT_PER_MINUTE', '0'],
  ])('rejects a bad %s with a ConfigError naming it', (name, value) => {
    const read = () => readAiSettings({ [name]: value });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(name);
  });
});
