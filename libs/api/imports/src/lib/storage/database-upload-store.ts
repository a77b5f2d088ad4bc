import { Injectable } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { UploadChunksRepository } from './upload-chunks.repository';
import type { UploadStore } from './upload-store';

const CHUNK_BYTES = 1024 * 1024;
const READ_CHUNKS = 8;

/** UPLOAD_STORAGE=database: uploads as 1 MiB chunks in import_upload_chunks (`pg:<uuid>`). */
@Injectable()
export class DatabaseUploadStore implements UploadStore {
  readonly refPrefix = 'pg:';

  constructor(private readonly chunks: UploadChunksRepository) {}

  async store(localPath: string): Promise<string> {
    const uploadId = randomUUID();
    let seq = 0;
    try {
      for await (const chunk of createReadStream(localPath, { highWaterMark: CHUNK_BYTES }))
        await this.chunks.add(uploadId, seq++, chunk as Buffer);
    } catch (e) {
      await this.chunks.remove(uploadId);
      throw e;
    }
    return this.refPrefix + uploadId;
  }

  async fetch(ref: string, dest: string): Promise<void> {
    const uploadId = ref.slice(this.refPrefix.length);
    const chunks = this.chunks;
    async function* read() {
      for (let after = -1; ; ) {
        const page = await chunks.next(uploadId, after, READ_CHUNKS);
        for (const c of page) yield c.data;
        if (page.length < READ_CHUNKS) return;
        after = page[page.length - 1].seq;
      }
    }
    await pipeline(read(), createWriteStream(dest));
  }

  remove(ref: string): Promise<void> {
    return this.chunks.remove(ref.slice(this.refPrefix.length));
  }

  purge(retentionHours: number): Promise<number> {
    return this.chunks.purge(retentionHours);
  }
}
