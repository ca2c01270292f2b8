/**
 * Temporary server-side storage of uploaded survey files for the column-mapping step. Files live
 * under `<dataDir>/followup-uploads/` with a random name (never the user's file name), belong to
 * the person who uploaded them, and are deleted after a completed import, when discarded, or when
 * they expire (1 hour without use; swept every 10 minutes). The registry is in memory, so each app
 * instance keeps its files in its own folder (`followup-uploads/<instance>/`, removed at close);
 * folders of instances that died are removed by the next start once untouched for two hours.
 * Microdata never leaves the server: the file is never served back.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../../core/errors.js';

export const UPLOAD_TTL_MS = 60 * 60 * 1000;
/** Largest upload (about 5 million respondent rows of 20 items). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** Raw bytes per chunk the client sends (base64 in JSON). */
export const CHUNK_BYTES = 1024 * 1024;

export interface Upload {
  readonly id: string;
  readonly ownerPersonId: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  receivedBytes: number;
  lastUsed: number;
  /** A job is reading the file: it is not deleted by expiry meanwhile. */
  busy: boolean;
}

export class UploadStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly root: string;
  private readonly dir: string;
  private ready: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    dataDir: string,
    private readonly now: () => number,
  ) {
    this.root = path.join(dataDir, 'followup-uploads');
    this.dir = path.join(this.root, randomUUID());
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      // Folders of instances that are gone: nothing in memory refers to their files.
      const limit = this.now() - 2 * UPLOAD_TTL_MS;
      for (const d of await readdir(this.root)) {
        const p = path.join(this.root, d);
        if (p === this.dir) continue;
        const st = await stat(p).catch(() => null);
        if (!st) continue;
        let newest = st.mtimeMs;
        if (st.isDirectory())
          for (const f of await readdir(p).catch(() => []))
            newest = Math.max(newest, (await stat(path.join(p, f)).catch(() => null))?.mtimeMs ?? 0);
        if (newest < limit) await rm(p, { recursive: true, force: true });
      }
      this.timer = setInterval(() => void this.sweep().catch(() => undefined), 10 * 60 * 1000);
      this.timer.unref();
    })();
    return this.ready;
  }

  pathOf(u: Upload): string {
    return path.join(this.dir, `${u.id}.upload`);
  }

  async create(ownerPersonId: string, fileName: string, sizeBytes: number): Promise<Upload> {
    await this.init();
    await this.sweep();
    if (sizeBytes > MAX_UPLOAD_BYTES)
      throw new AppError('payload_too_large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
    const u: Upload = {
      id: randomUUID(),
      ownerPersonId,
      fileName,
      sizeBytes,
      receivedBytes: 0,
      lastUsed: this.now(),
      busy: false,
    };
    const fh = await open(this.pathOf(u), 'wx', 0o600);
    await fh.close();
    this.uploads.set(u.id, u);
    return u;
  }

  /** The upload, if it exists and belongs to this person; 404 otherwise (indistinguishable). */
  get(id: string, ownerPersonId: string): Upload {
    const u = this.uploads.get(id);
    if (!u || u.ownerPersonId !== ownerPersonId)
      throw new AppError('not_found', 'No such upload (it may have expired after an hour; upload the file again).');
    u.lastUsed = this.now();
    return u;
  }

  async append(u: Upload, offset: number, bytes: Uint8Array): Promise<void> {
    if (offset !== u.receivedBytes) {
      throw new AppError(
        'conflict',
        `The server has ${u.receivedBytes} bytes of this file; send the part that starts there.`,
        { receivedBytes: u.receivedBytes },
      );
    }
    if (u.receivedBytes + bytes.length > u.sizeBytes)
      throw new AppError('bad_request', 'More bytes than the file size given when the upload started.');
    const fh = await open(this.pathOf(u), 'a');
    try {
      await fh.write(bytes);
    } finally {
      await fh.close();
    }
    u.receivedBytes += bytes.length;
  }

  complete(u: Upload): void {
    if (u.receivedBytes !== u.sizeBytes)
      throw new AppError(
        'conflict',
        `The upload is not complete: ${u.receivedBytes} of ${u.sizeBytes} bytes received.`,
        { receivedBytes: u.receivedBytes },
      );
  }

  stream(u: Upload, end?: number): AsyncIterable<Uint8Array> {
    return createReadStream(this.pathOf(u), end === undefined ? {} : { start: 0, end });
  }

  async discard(u: Upload): Promise<void> {
    this.uploads.delete(u.id);
    await rm(this.pathOf(u), { force: true });
  }

  async sweep(): Promise<void> {
    const limit = this.now() - UPLOAD_TTL_MS;
    for (const u of [...this.uploads.values()]) if (!u.busy && u.lastUsed < limit) await this.discard(u);
  }

  /** Files on disk (tests check that nothing is left behind). */
  async filesOnDisk(): Promise<number> {
    await this.init();
    return (await readdir(this.dir)).length;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    for (const u of [...this.uploads.values()]) await this.discard(u);
    if (this.ready) await rm(this.dir, { recursive: true, force: true });
  }

  async size(u: Upload): Promise<number> {
    return (await stat(this.pathOf(u))).size;
  }
}
