import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

/** An S3-compatible server on loopback (s3rver, files in a temp dir) with one bucket, for UPLOAD_STORAGE=s3. */
export interface LoopbackS3 {
  /** UPLOAD_STORAGE=s3 and the S3_* variables that reach it. */
  env: Record<string, string>;
  /** Keys in the bucket, read through the real AWS SDK. */
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startLoopbackS3(bucket = 'crm-uploads'): Promise<LoopbackS3> {
  const dir = await mkdtemp(join(tmpdir(), 'crm-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const env = {
    UPLOAD_STORAGE: 's3',
    S3_BUCKET: bucket,
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'S3RVER', // s3rver's fixed pair
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
  };
  const client = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  return {
    env,
    async keys() {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (page.Contents ?? []).map((o) => o.Key as string);
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
