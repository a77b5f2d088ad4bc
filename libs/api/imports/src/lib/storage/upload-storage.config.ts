import { ConfigError, readBool, readEnum, readNumber, readString, readUrl, type AppConfig } from '@mini-crm/api/core';

/** The bucket of UPLOAD_STORAGE=s3 (AWS S3 or any S3-compatible service: MinIO, R2, Ceph…). */
export interface S3UploadConfig {
  bucket: string;
  region: string;
  /** Unset for AWS itself; the service's URL otherwise. */
  endpoint?: string;
  /** Unset: the AWS SDK's default chain (environment, shared files, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  /** Keys of uploads start with it (`imports/` by default). */
  keyPrefix: string;
}

/**
 * UPLOAD_STORAGE: `database` (default) keeps uploaded import files in PostgreSQL/PGlite, so any
 * worker can parse an import an API process received; `s3` keeps them in an S3-compatible bucket
 * (S3_* settings), equally shared; `local` keeps them in $DATA_DIR/uploads (one host only).
 * UPLOAD_RETENTION_HOURS: how long a stored file outlives its import.
 */
export interface UploadStorageConfig {
  mode: 'database' | 's3' | 'local';
  retentionHours: number;
  /** Set when mode is `s3`. */
  s3?: S3UploadConfig;
}

export function loadUploadStorageConfig(config: Pick<AppConfig, 'env'>): UploadStorageConfig {
  const mode = readEnum(config.env, 'UPLOAD_STORAGE', ['database', 's3', 'local'] as const, 'database');
  return {
    mode,
    retentionHours: readNumber(config.env, 'UPLOAD_RETENTION_HOURS', 24, 0, 24 * 365),
    s3: mode === 's3' ? loadS3UploadConfig(config.env) : undefined,
  };
}

function loadS3UploadConfig(env: AppConfig['env']): S3UploadConfig {
  const bucket = readString(env, 'S3_BUCKET');
  if (!bucket) throw new ConfigError('UPLOAD_STORAGE=s3 needs S3_BUCKET (the bucket that holds uploaded import files)');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw new ConfigError(`S3_BUCKET must be a bucket name (3-63 of a-z, 0-9, '.', '-'), got "${bucket}"`);
  const accessKeyId = readString(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = readString(env, 'S3_SECRET_ACCESS_KEY');
  if (!accessKeyId !== !secretAccessKey)
    throw new ConfigError(
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS default credentials',
    );
  const keyPrefix = readString(env, 'S3_KEY_PREFIX', 'imports/') as string;
  if (keyPrefix.startsWith('/')) throw new ConfigError(`S3_KEY_PREFIX must not start with "/", got "${keyPrefix}"`);
  return {
    bucket,
    region: readString(env, 'S3_REGION', 'us-east-1') as string,
    endpoint: readUrl(env, 'S3_ENDPOINT'),
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle: readBool(env, 'S3_FORCE_PATH_STYLE', false),
    keyPrefix,
  };
}
