import { createReadStream, createWriteStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3UploadConfig } from './upload-storage.config';
import type { UploadRefsRepository } from './upload-refs.repository';
import type { UploadStore } from './upload-store';

/** Parts of a multipart upload (S3's minimum is 5 MiB); two in flight. */
const PART_BYTES = 8 * 1024 * 1024;
const PURGE_BATCH = 500;
const ORPHAN_AGE_MS = 24 * 3600_000;

/** UPLOAD_STORAGE=s3: each upload is one object `<S3_KEY_PREFIX><uuid>` (reference `s3:<key>`). */
export class S3UploadStore implements UploadStore {
  readonly refPrefix = 's3:';
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3UploadConfig,
    private readonly refs: UploadRefsRepository,
  ) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
    });
  }

  async store(localPath: string): Promise<string> {
    const key = `${this.settings.keyPrefix}${randomUUID()}`;
    // lib-storage streams the file: one PutObject when small, a multipart upload (aborted on failure) when not.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: key, Body: createReadStream(localPath) },
      partSize: PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false,
    });
    await upload.done();
    return this.refPrefix + key;
  }

  async fetch(ref: string, dest: string): Promise<void> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.key(ref) }));
    await pipeline(res.Body as Readable, createWriteStream(dest));
  }

  async remove(ref: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.key(ref) }));
  }

  async purge(retentionHours: number): Promise<number> {
    let n = 0;
    for (;;) {
      const due = await this.refs.expired(this.refPrefix, retentionHours, PURGE_BATCH);
      for (const ref of due) {
        await this.remove(ref); // S3 answers 204 for a key already gone
        await this.refs.forget(ref);
        n++;
      }
      if (due.length < PURGE_BATCH) break;
    }
    return n + (await this.purgeOrphans());
  }

  /** Objects older than a day that no import names (an API stopped between storing and recording). */
  private async purgeOrphans(): Promise<number> {
    const before = Date.now() - ORPHAN_AGE_MS;
    let n = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.settings.bucket,
          Prefix: this.settings.keyPrefix,
          ContinuationToken: token,
        }),
      );
      const old = (page.Contents ?? [])
        .filter((o) => o.Key && o.LastModified && o.LastModified.getTime() < before)
        .map((o) => this.refPrefix + o.Key);
      const named = await this.refs.referenced(old);
      for (const ref of old.filter((r) => !named.has(r))) {
        await this.remove(ref);
        n++;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return n;
  }

  close(): void {
    this.client.destroy();
  }

  private key(ref: string): string {
    return ref.slice(this.refPrefix.length);
  }
}
