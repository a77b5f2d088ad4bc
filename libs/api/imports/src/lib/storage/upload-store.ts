/**
 * One place uploaded import files can live (the database, an S3 bucket). A reference is what
 * import_jobs.file_path holds; each store recognises its own by prefix.
 */
export interface UploadStore {
  /** `pg:`, `s3:`: the prefix of this store's references. */
  readonly refPrefix: string;
  /** Streams the file at `localPath` into the store and answers its reference. */
  store(localPath: string): Promise<string>;
  /** Streams the stored upload into the local file `dest`. */
  fetch(ref: string, dest: string): Promise<void>;
  /** Deletes one stored upload (its import was never recorded). */
  remove(ref: string): Promise<void>;
  /**
   * Deletes the uploads of imports that finished more than `retentionHours` ago, and uploads no
   * import names that are older than a day; answers how many it deleted (chunks or objects).
   */
  purge(retentionHours: number): Promise<number>;
}
