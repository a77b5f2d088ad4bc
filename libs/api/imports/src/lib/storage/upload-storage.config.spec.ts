import { ConfigError } from '@mini-crm/api/core';
import { loadUploadStorageConfig } from './upload-storage.config';

const load = (env: Record<string, string>) => loadUploadStorageConfig({ env });
const s3 = { UPLOAD_STORAGE: 's3', S3_BUCKET: 'crm-uploads' };

describe('loadUploadStorageConfig', () => {
  it('defaults to the database and reads no S3 settings', () => {
    expect(load({ S3_BUCKET: 'x' })).toEqual({ mode: 'database', retentionHours: 24, s3: undefined });
  });

  it('reads the S3 settings, with AWS defaults for the optional ones', () => {
    expect(load(s3).s3).toEqual({
      bucket: 'crm-uploads',
      region: 'us-east-1',
      endpoint: undefined,
      credentials: undefined,
      forcePathStyle: false,
      keyPrefix: 'imports/',
    });
    expect(
      load({
        ...s3,
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_REGION: 'eu-west-1',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: 'true',
        S3_KEY_PREFIX: 'crm/',
      }).s3,
    ).toEqual({
      bucket: 'crm-uploads',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9000',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      forcePathStyle: true,
      keyPrefix: 'crm/',
    });
  });

  it.each([
    [{ UPLOAD_STORAGE: 's3' }, /UPLOAD_STORAGE=s3 needs S3_BUCKET/],
    [{ ...s3, S3_BUCKET: 'Bad_Bucket' }, /S3_BUCKET must be a bucket name/],
    [{ ...s3, S3_ACCESS_KEY_ID: 'id' }, /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/],
    [{ ...s3, S3_SECRET_ACCESS_KEY: 'secret' }, /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/],
    [{ ...s3, S3_ENDPOINT: 'minio:9000' }, /S3_ENDPOINT must (be a URL|use http)/],
    [{ ...s3, S3_FORCE_PATH_STYLE: 'maybe' }, /S3_FORCE_PATH_STYLE must be true or false/],
    [{ UPLOAD_STORAGE: 'disk' }, /UPLOAD_STORAGE must be one of database, s3, local/],
  ])('refuses %j at start', (env, message) => {
    expect(() => load(env as Record<string, string>)).toThrow(ConfigError);
    expect(() => load(env as Record<string, string>)).toThrow(message);
  });
});
