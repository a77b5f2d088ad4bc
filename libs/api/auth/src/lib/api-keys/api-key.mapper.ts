import type { ApiKeyDto, ApiKeyRole } from '@mini-crm/contracts';
import type { ApiKeyListRow } from './api-keys.repository';

/** A key as the list shows it: never its hash, never the key. */
export function toApiKeyDto(row: ApiKeyListRow): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    role: row.role as ApiKeyRole,
    prefix: row.prefix,
    createdBy: row.createdByEmail,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
