import { Injectable } from '@nestjs/common';
import { ATTRIBUTE_KEY_PATTERN, SEGMENT_FIELDS, type SegmentFieldsDto } from '@mini-crm/contracts';
import { SegmentsRepository } from './segments.repository';

/** Rows read to discover attribute keys and frequent values; bounds the cost on large tables. */
export const FIELD_DISCOVERY_SAMPLE_ROWS = 100_000;
export const FIELD_VALUES_LIMIT = 200;

@Injectable()
export class SegmentFieldsService {
  constructor(private readonly repo: SegmentsRepository) {}

  async describe(): Promise<SegmentFieldsDto> {
    const n = FIELD_DISCOVERY_SAMPLE_ROWS;
    const [keys, city, country, tags] = await Promise.all([
      this.repo.attributeKeys(n, FIELD_VALUES_LIMIT),
      this.repo.topValues('city', n, FIELD_VALUES_LIMIT),
      this.repo.topValues('country', n, FIELD_VALUES_LIMIT),
      this.repo.topTags(n, FIELD_VALUES_LIMIT),
    ]);
    const counted = (rows: { value: string; count: number }[]) =>
      rows.map((r) => ({ value: r.value, count: Number(r.count) }));
    return {
      fields: SEGMENT_FIELDS.map((f) => ({
        name: f.name,
        label: f.label,
        category: f.category,
        type: f.type,
        operators: [...f.operators],
        ...(f.enumValues ? { enumValues: [...f.enumValues] } : {}),
        ...(f.integer ? { integer: true } : {}),
      })),
      // keys a rule cannot reference (see ATTRIBUTE_KEY_PATTERN) are left out
      attributeKeys: keys.map((k) => k.value).filter((k) => ATTRIBUTE_KEY_PATTERN.test(k)),
      values: { city: counted(city), country: counted(country), tags: counted(tags) },
    };
  }
}
