import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, CronLock, type AppConfig } from '@mini-crm/api/core';
import { DatabaseUploadStore } from './database-upload-store';
import { S3UploadStore } from './s3-upload-store';
import { UploadRefsRepository } from './upload-refs.repository';
import { loadUploadStorageConfig, type UploadStorageConfig } from './upload-storage.config';
import type { UploadStore } from './upload-store';

/** A stored upload made readable as a local file for the parser thread. */
export interface LocalUpload {
  path: string;
  /** Removes the local copy (never the stored upload: retention does that). */
  release(): Promise<void>;
}

/**
 * Where uploaded import files live between the request and the import job (UploadStorageConfig).
 * A reference is what import_jobs.file_path holds: `pg:<uuid>`, `s3:<key>`, or a local path.
 * Uploads stored before a change of UPLOAD_STORAGE stay readable from the database.
 */
@Injectable()
export class UploadStorage implements OnModuleDestroy {
  private readonly log = new Logger('UploadStorage');
  readonly settings: UploadStorageConfig;
  private readonly s3?: S3UploadStore;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseUploadStore,
    refs: UploadRefsRepository,
    private readonly lock: CronLock,
  ) {
    this.settings = loadUploadStorageConfig(config);
    if (this.settings.s3) this.s3 = new S3UploadStore(this.settings.s3, refs);
  }

  /** Stores the file at `localPath` (the caller removes it) and answers its reference. */
  async store(localPath: string): Promise<string> {
    if (this.settings.mode === 'local') return localPath;
    return (this.s3 ?? this.database).store(localPath);
  }

  /** The upload as a local file in this process's DATA_DIR (a copy when it is stored elsewhere). */
  async open(ref: string): Promise<LocalUpload> {
    const store = this.storeOf(ref);
    if (!store) return { path: ref, release: () => rm(ref, { force: true }) };
    const dir = join(this.config.dataDir, 'uploads');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${randomUUID()}.fetched`);
    try {
      await store.fetch(ref, path);
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    return { path, release: () => rm(path, { force: true }) };
  }

  /** Forgets an upload whose import was never recorded. */
  async discard(ref: string): Promise<void> {
    const store = this.storeOf(ref);
    if (store) await store.remove(ref);
    else await rm(ref, { force: true });
  }

  /** Every process fires; one takes the hour (CronLock). */
  @Cron(CronExpression.EVERY_HOUR, { name: 'upload-purge' })
  scheduledPurge(): Promise<number | null> {
    return this.lock.once('upload-purge', 3600_000, () => this.purgeExpired());
  }

  async purgeExpired(): Promise<number> {
    let n = await this.database.purge(this.settings.retentionHours);
    if (this.s3) n += await this.s3.purge(this.settings.retentionHours);
    if (n) this.log.log(`deleted ${n} chunk(s) or object(s) of import uploads past their retention`);
    return n;
  }

  onModuleDestroy(): void {
    this.s3?.close();
  }

  private storeOf(ref: string): UploadStore | null {
    if (ref.startsWith(this.database.refPrefix)) return this.database;
    if (this.s3 && ref.startsWith(this.s3.refPrefix)) return this.s3;
    if (ref.startsWith('s3:'))
      throw new Error('the upload is in S3 but this process has UPLOAD_STORAGE unset or not s3');
    return null;
  }
}
