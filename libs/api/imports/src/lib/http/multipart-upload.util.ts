import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

/** The parts of @fastify/multipart this code uses. */
export interface MultipartRequest {
  isMultipart?: () => boolean;
  parts(): AsyncIterableIterator<MultipartPart>;
}
type MultipartPart =
  | { type: 'file'; fieldname: string; filename: string; file: Readable & { truncated?: boolean } }
  | { type: 'field'; fieldname: string; value: unknown };

export interface SavedUpload {
  path: string;
  fileName: string;
  size: number;
  fields: Record<string, string>;
}

function assertMultipart(req: MultipartRequest): void {
  if (typeof req.parts !== 'function' || (req.isMultipart && !req.isMultipart())) {
    throw new BadRequestException({
      message: 'Expected a multipart/form-data body with a `file` part',
      details: [{ path: 'file', message: 'file is required' }],
    });
  }
}

/**
 * Streams the `file` part to `dir` (never held in memory; its declared content type is ignored)
 * and collects the text fields, whatever their order.
 */
export async function saveUpload(req: MultipartRequest, dir: string): Promise<SavedUpload> {
  assertMultipart(req);
  await mkdir(dir, { recursive: true });
  const fields: Record<string, string> = {};
  let saved: { path: string; fileName: string } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value ?? '');
        continue;
      }
      if (part.fieldname !== 'file' || saved) {
        part.file.resume();
        continue;
      }
      const path = join(dir, `${randomUUID()}.upload`);
      saved = { path, fileName: cleanFileName(part.filename) };
      await pipeline(part.file, createWriteStream(path));
      if (part.file.truncated)
        throw new PayloadTooLargeException(
          'The upload is too large: the file is over the upload limit (UPLOAD_LIMIT_MB)',
        );
    }
  } catch (err) {
    if (saved) await rm(saved.path, { force: true });
    throw err;
  }
  if (!saved)
    throw new BadRequestException({
      message: 'No file uploaded',
      details: [{ path: 'file', message: 'file is required' }],
    });
  const { size } = await stat(saved.path);
  return { ...saved, size, fields };
}

/** Reads at most `maxBytes` of the `file` part (cut at the last line break), drains the rest, and collects the fields. */
export async function readUploadHead(
  req: MultipartRequest,
  maxBytes: number,
): Promise<{ head: Buffer; fileName: string; fields: Record<string, string> }> {
  assertMultipart(req);
  const fields: Record<string, string> = {};
  let head: Buffer | null = null;
  let fileName = '';
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value ?? '');
      continue;
    }
    if (part.fieldname !== 'file' || head) {
      part.file.resume();
      continue;
    }
    fileName = cleanFileName(part.filename);
    const chunks: Buffer[] = [];
    let length = 0;
    let cut = false;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      if (cut) continue; // drain
      chunks.push(chunk);
      length += chunk.length;
      if (length >= maxBytes) cut = true;
    }
    let buf = Buffer.concat(chunks);
    if (cut) {
      buf = buf.subarray(0, maxBytes);
      const lastNewline = buf.lastIndexOf(10);
      if (lastNewline > 0) buf = buf.subarray(0, lastNewline + 1);
    }
    head = buf;
  }
  if (!head)
    throw new BadRequestException({
      message: 'No file uploaded',
      details: [{ path: 'file', message: 'file is required' }],
    });
  return { head, fileName, fields };
}

function cleanFileName(name: string | undefined): string {
  const base = [...basename(String(name ?? '').replace(/\\/g, '/'))]
    .filter((c) => c.charCodeAt(0) >= 32)
    .join('')
    .trim();
  return (base || 'upload.csv').slice(0, 255);
}
