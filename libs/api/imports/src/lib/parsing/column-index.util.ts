import type { ColumnMapping } from './import.types';

/** Column positions of a mapping, compiled once per file. */
export class ColumnIndex<F extends string> {
  private readonly index = new Map<string, number>();
  private readonly headers = new Map<string, string>();
  /** [column index, attribute key] of every column kept in `attributes`. */
  readonly attributes: readonly (readonly [number, string])[];
  readonly width: number;

  constructor(mapping: readonly ColumnMapping[]) {
    const attributes: [number, string][] = [];
    for (const m of mapping) {
      if (m.target === 'ignore') continue;
      if (m.target.startsWith('attributes.')) attributes.push([m.index, m.target.slice(11)]);
      else if (!this.index.has(m.target)) {
        this.index.set(m.target, m.index);
        this.headers.set(m.target, m.header);
      }
    }
    this.attributes = attributes;
    this.width = mapping.length;
  }

  /** Column of a field, -1 when unmapped. */
  of(field: F): number {
    return this.index.get(field) ?? -1;
  }

  /** Header naming a field in issues: the file's header, or the field name when unmapped. */
  header(field: F): string {
    return this.headers.get(field) ?? field;
  }

  /** Attributes of a row: mapped attribute columns plus cells beyond the header (`column_<n>`); empty cells left out. */
  collectAttributes(cells: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [i, key] of this.attributes) {
      const value = cells[i];
      if (value !== undefined && value.length > 0) {
        const trimmed = value.trim();
        if (trimmed.length > 0) out[key] = trimmed;
      }
    }
    for (let i = this.width; i < cells.length; i++) {
      const trimmed = cells[i].trim();
      if (trimmed.length > 0) out[`column_${i + 1}`] = trimmed;
    }
    return out;
  }
}

/** Cell at `index`, '' when unmapped or missing (short row). */
export function cellAt(cells: readonly string[], index: number): string {
  return index === -1 || index >= cells.length ? '' : cells[index];
}
