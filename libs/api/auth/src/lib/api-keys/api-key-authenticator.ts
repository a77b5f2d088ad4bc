import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { API_KEY_ROLES, type ApiKeyRole } from '@mini-crm/contracts';
import { ApiKeyLookup, AuthUser, Clock } from '@mini-crm/api/core';
import { apiKeyLabel, apiKeyMatches, apiKeyPrefix } from './api-key-secret';
import { ApiKeyCache } from './api-key-cache';
import { ApiKeysRepository } from './api-keys.repository';

/** last_used_at is written at most this often per key: it is a hint for admins, not a log. */
export const LAST_USED_RESOLUTION_SECONDS = 60;

/**
 * The guard's API key lookup. Rows come from ApiKeyCache (a revocation reaches every API process's
 * cache through Redis before the revoke call answers; expiry and the secret are checked on every
 * request). The last-use time is written off the request path, at most once a minute per key.
 */
@Injectable()
export class ApiKeyAuthenticator implements ApiKeyLookup, OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeys');
  private readonly touchedAt = new Map<string, number>();
  private readonly touching = new Set<Promise<void>>();

  constructor(
    private readonly repo: ApiKeysRepository,
    private readonly keys: ApiKeyCache,
    private readonly clock: Clock,
  ) {}

  async authenticate(key: string): Promise<AuthUser | null> {
    const prefix = apiKeyPrefix(key);
    if (!prefix) return null;
    const row = await this.keys.byPrefix(prefix);
    if (!row || !apiKeyMatches(key, row.keyHash)) return null;
    const now = this.clock.now();
    if (row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
    // The table only ever holds viewer and marketer keys; anything else is refused rather than trusted.
    if (!(API_KEY_ROLES as readonly string[]).includes(row.role)) return null;
    this.markUsed(row.id, row.lastUsedAt);
    const label = apiKeyLabel(row.name, row.prefix);
    return {
      id: row.id,
      email: label,
      name: row.name,
      role: row.role as ApiKeyRole,
      apiKeyId: row.id,
      apiKeyLabel: label,
    };
  }

  /** Resolves once every last-use write started so far has finished (shutdown waits for them). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.touching]);
  }

  onApplicationShutdown(): Promise<void> {
    return this.idle();
  }

  private markUsed(id: string, lastUsedAt: Date | null): void {
    const due = Date.now() - LAST_USED_RESOLUTION_SECONDS * 1000;
    if ((lastUsedAt && lastUsedAt.getTime() > due) || (this.touchedAt.get(id) ?? 0) > due) return;
    this.touchedAt.set(id, Date.now());
    const write = this.repo
      .touch(id, LAST_USED_RESOLUTION_SECONDS)
      .catch((e: unknown) => this.logger.warn(`could not record the last use of API key ${id}: ${String(e)}`))
      .finally(() => this.touching.delete(write));
    this.touching.add(write);
  }
}
