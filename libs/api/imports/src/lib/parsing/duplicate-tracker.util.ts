export type DuplicateKey = 'external_id' | 'email' | 'phone';

export interface DuplicateMatch {
  /** Row number of the first row with the same key. */
  rowNumber: number;
  key: DuplicateKey;
}

/** Identifiers of a row, already normalized (lower-cased email, E.164 phone). */
export interface DuplicateCandidate {
  externalId?: string | null;
  email?: string | null;
  phone?: string | null;
}

/**
 * Finds rows of one file that repeat an earlier row: by external id, then email, then phone.
 * A duplicate's other identifiers are registered under the row it duplicates, so a later row
 * matching any of them points to the same original. The caller applies its duplicate policy.
 */
export class DuplicateTracker {
  private readonly byExternalId = new Map<string, number>();
  private readonly byEmail = new Map<string, number>();
  private readonly byPhone = new Map<string, number>();

  /** Returns the earlier row this one duplicates (null if none) and remembers its identifiers. */
  check(row: DuplicateCandidate, rowNumber: number): DuplicateMatch | null {
    const match = this.find(row);
    const owner = match === null ? rowNumber : match.rowNumber;
    if (row.externalId && !this.byExternalId.has(row.externalId)) this.byExternalId.set(row.externalId, owner);
    if (row.email && !this.byEmail.has(row.email)) this.byEmail.set(row.email, owner);
    if (row.phone && !this.byPhone.has(row.phone)) this.byPhone.set(row.phone, owner);
    return match;
  }

  /** Like {@link check} without remembering anything. */
  find(row: DuplicateCandidate): DuplicateMatch | null {
    let hit: number | undefined;
    if (row.externalId && (hit = this.byExternalId.get(row.externalId)) !== undefined)
      return { rowNumber: hit, key: 'external_id' };
    if (row.email && (hit = this.byEmail.get(row.email)) !== undefined) return { rowNumber: hit, key: 'email' };
    if (row.phone && (hit = this.byPhone.get(row.phone)) !== undefined) return { rowNumber: hit, key: 'phone' };
    return null;
  }

  /** Distinct identifiers remembered, for memory accounting. */
  get size(): number {
    return this.byExternalId.size + this.byEmail.size + this.byPhone.size;
  }
}
