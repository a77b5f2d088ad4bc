import { readEnum, readNumber, type AppConfig } from '@mini-crm/api/core';

/**
 * UPLOAD_STORAGE: `database` (default) keeps uploaded import files in PostgreSQL/PGlite, so any
 * worker can parse an import an API process received; `local` keeps them in $DATA_DIR/uploads
 * (one host only). UPLOAD_RETENTION_HOURS: how long a stored file outlives its import.
 */
export interface UploadStorageConfig {
  mode: 'database' | 'local';
  retentionHours: number;
}

export function loadUploadStorageConfig(config: Pick<AppConfig, 'env'>): UploadStorageConfig {
  return {
    mode: readEnum(config.env, 'UPLOAD_STORAGE', ['database', 'local'] as const, 'database'),
    retentionHours: readNumber(config.env, 'UPLOAD_RETENTION_HOURS', 24, 0, 24 * 365),
  };
}
