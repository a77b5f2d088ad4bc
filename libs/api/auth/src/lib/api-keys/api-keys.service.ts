import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { isUniqueViolation, withTransaction, type Database } from '@mini-crm/db';
import type { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from '@mini-crm/contracts';
import { AuditService, AuthUser, Clock, DB } from '@mini-crm/api/core';
import { newApiKey } from './api-key-secret';
import { toApiKeyDto } from './api-key.mapper';
import { ApiKeyCache } from './api-key-cache';
import { ApiKeysRepository } from './api-keys.repository';

/** Admins create, list and revoke API keys; the key itself is shown once, in the create answer. */
@Injectable()
export class ApiKeysService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: ApiKeysRepository,
    private readonly cache: ApiKeyCache,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(body: CreateApiKeyDto, actor: AuthUser): Promise<CreatedApiKeyDto> {
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt <= this.clock.now())
      throw new BadRequestException({
        message: 'expiresAt is in the past',
        details: [{ path: 'expiresAt', message: 'expiresAt must be in the future' }],
      });
    const name = body.name.trim();
    // A prefix collision (1 in 36^8 per pair of keys) only costs another draw.
    for (let attempt = 1; ; attempt++) {
      const fresh = newApiKey();
      try {
        const row = await withTransaction(this.db, async (tx) => {
          const row = await this.repo.insert(
            { name, role: body.role, prefix: fresh.prefix, keyHash: fresh.hash, createdBy: actor.id, expiresAt },
            tx,
          );
          await this.audit.record(
            {
              actor,
              action: 'api_key.created',
              entity: 'api_key',
              entityId: row.id,
              diff: { name, role: row.role, prefix: row.prefix, expiresAt: expiresAt?.toISOString() ?? null },
            },
            tx,
          );
          return row;
        });
        return {
          id: row.id,
          name: row.name,
          role: body.role,
          prefix: row.prefix,
          key: fresh.key,
          expiresAt: row.expiresAt?.toISOString() ?? null,
        };
      } catch (e) {
        if (!isUniqueViolation(e) || attempt >= 3) throw e;
      }
    }
  }

  async list(): Promise<ApiKeyDto[]> {
    return (await this.repo.list()).map(toApiKeyDto);
  }

  /**
   * Revokes at once: after the commit every API process drops the key from its cache before this
   * answers. Revoking a revoked key changes nothing.
   */
  async revoke(id: string, actor: AuthUser): Promise<void> {
    const prefix = await withTransaction(this.db, async (tx) => {
      const found = await this.repo.revoke(id, tx);
      if (!found) throw new NotFoundException(`API key ${id} not found`);
      if (!found.revoked) return found.row.prefix;
      await this.audit.record(
        {
          actor,
          action: 'api_key.revoked',
          entity: 'api_key',
          entityId: id,
          diff: { name: found.row.name, prefix: found.row.prefix },
        },
        tx,
      );
      return found.row.prefix;
    });
    await this.cache.invalidate(prefix);
  }
}
