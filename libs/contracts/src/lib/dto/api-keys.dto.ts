import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Role } from '../roles';

/** The roles an API key may have: a key never gets `admin`. */
export const API_KEY_ROLES = ['viewer', 'marketer'] as const satisfies readonly Role[];
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export class CreateApiKeyDto {
  /** What the key is for, e.g. "Shop sync" (shown in the audit log as `api-key:<name> (<prefix>)`). */
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @IsIn(API_KEY_ROLES, { message: `role must be one of ${API_KEY_ROLES.join(', ')} (an API key is never admin)` })
  role!: ApiKeyRole;

  /** When the key stops working (ISO 8601, in the future); omitted: until revoked. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date-time' })
  expiresAt?: string;
}

export class ApiKeyDto {
  /** UUID */
  id!: string;
  name!: string;
  role!: ApiKeyRole;
  /** The public part of the key (`mcrm_<prefix>_…`), how it is found and shown. */
  prefix!: string;
  /** Email of the admin who created it (null once that account is gone). */
  createdBy!: string | null;
  createdAt!: string;
  lastUsedAt!: string | null;
  expiresAt!: string | null;
  revokedAt!: string | null;
}

/** The answer to creating a key: the only time `key` is ever shown. */
export class CreatedApiKeyDto {
  /** UUID */
  id!: string;
  name!: string;
  role!: ApiKeyRole;
  prefix!: string;
  /** The whole key (`mcrm_<prefix>_<secret>`): store it now, it is never shown again. */
  key!: string;
  expiresAt!: string | null;
}

export class ApiKeyListDto {
  items!: ApiKeyDto[];
}
