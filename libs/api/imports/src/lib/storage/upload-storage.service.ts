import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, CronLock, type AppConfig } from '@mini-crm/api/core';
import { UploadChunksRepository } from './upload-chunks.repository';
import { loadUploadStorageConfig, type UploadStorageConfig } from './upload-storage.config';

const CHUNK_BYTES = 1024 * 1024;
const READ_CHUNKS = 8;
const DB_REF = 'pg:';

/** A stored upload made readable as a local file for the parser thread. */
export interface LocalUpload {
  path: string;
  /** Removes the local copy (never the stored upload: retention does that). */
  release(): Promise<void>;
}

/**
 * Where uploaded import files live between the request and the import job (UploadStorageConfig).
 * A reference is what import_jobs.file_path holds: `pg:<uuid>`, or a local path.
 */
@Injectable()
export class UploadStorage {
  private readonly log = new Logger('UploadStorage');
  readonly settings: UploadStorageConfig;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly chunks: UploadChunksRepository,
    private readonly lock: CronLock,
  ) {
    this.settings = loadUploadStorageConfig(config);
  }

  /** Stores the file at `localPath` (the caller removes it) and answers its reference. */
  async store(localPath: string): Promise<string> {
    if (this.settings.mode === 'local') return localPath;
    const uploadId = randomUUID();
    let seq = 0;
    try {
      for await (const chunk of createReadStream(localPath, { highWaterMark: CHUNK_BYTES }))
        await this.chunks.add(uploadId, seq++, chunk as Buffer);
    } catch (e) {
      await this.chunks.remove(uploadId);
      throw e;
    }
    return DB_REF + uploadId;
  }

  /** The upload as a local file in this process's DATA_DIR (a copy when it is stored in the database). */
  async open(ref: string): Promise<LocalUpload> {
    if (!ref.startsWith(DB_REF)) return { path: ref, release: () => rm(ref, { force: true }) };
    const uploadId = ref.slice(DB_REF.length);
    const dir = join(this.config.dataDir, 'uploads');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${uploadId}.fetched`);
    const chunks = this.chunks;
    async function* read() {
      for (let after = -1; ; ) {
        const page = await chunks.next(uploadId, after, READ_CHUNKS);
        for (const c of page) yield c.data;
        if (page.length < READ_CHUNKS) return;
        after = page[page.length - 1].seq;
      }
    }
    await pipeline(read(), createWriteStream(path));
    return { path, release: () => rm(path, { force: true }) };
  }

  /** Forgets an upload whose import was never recorded. */
  async discard(ref: string): Promise<void> {
    if (ref.startsWith(DB_REF)) await this.chunks.remove(ref.slice(DB_REF.length));
    else await rm(ref, { force: true });
  }

  /** Every process fires; one takes the hour (CronLock). */
  @Cron(CronExpression.EVERY_HOUR, { name: 'upload-purge' })
  scheduledPurge(): Promise<number | null> {
    return this.lock.once('upload-purge', 3600_000, () => this.purgeExpired());
  }

  async purgeExpired(): Promise<number> {
    const n = await this.chunks.purge(this.settings.retentionHours);
    if (n) this.log.log(`deleted ${n} chunk(s) of import uploads past their retention`);
    return n;
  }
}
