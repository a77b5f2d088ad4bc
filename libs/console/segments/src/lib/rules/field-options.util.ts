import {
  ATTRIBUTE_FIELD_PREFIX,
  SEGMENT_FIELDS,
  type SegmentFieldCategory,
  type SegmentFieldDto,
  type SegmentFieldsDto,
} from '@mini-crm/contracts';
import { CATEGORY_LABELS, CATEGORY_ORDER } from './operator-labels.util';

export interface FieldOption {
  name: string;
  label: string;
}

export interface FieldOptionGroup {
  category: SegmentFieldCategory;
  label: string;
  fields: FieldOption[];
}

/** Sentinel option that turns the field into `attributes.<key>` with a key the person types. */
export const OTHER_ATTRIBUTE = '__other_attribute__';

/**
 * Field picker groups in display order: the registry (from the API when loaded, else the bundled
 * one), then the attribute keys found in the data, plus the condition's own attribute if it is not
 * among them, and an "Other attribute…" entry.
 */
export function fieldOptionGroups(meta: SegmentFieldsDto | null, currentField?: string): FieldOptionGroup[] {
  const registry: readonly Pick<SegmentFieldDto, 'name' | 'label' | 'category'>[] = meta?.fields?.length
    ? meta.fields
    : SEGMENT_FIELDS;
  const keys = [...(meta?.attributeKeys ?? [])];
  if (currentField?.startsWith(ATTRIBUTE_FIELD_PREFIX)) {
    const key = currentField.slice(ATTRIBUTE_FIELD_PREFIX.length);
    if (key && !keys.includes(key)) keys.push(key);
  }
  const groups = CATEGORY_ORDER.map((category) => ({
    category,
    label: CATEGORY_LABELS[category],
    fields: registry.filter((f) => f.category === category).map((f) => ({ name: f.name, label: f.label })),
  }));
  const attributes = groups.find((g) => g.category === 'attributes');
  if (attributes) {
    attributes.fields.push(...keys.map((k) => ({ name: ATTRIBUTE_FIELD_PREFIX + k, label: k })));
    attributes.fields.push({ name: OTHER_ATTRIBUTE, label: 'Other attribute…' });
  }
  return groups.filter((g) => g.fields.length > 0);
}

/** Autocomplete suggestions for a field's values (cities, countries, tags). */
export function valueSuggestions(meta: SegmentFieldsDto | null, field: string): { value: string; count?: number }[] {
  if (!meta?.values) return [];
  if (field === 'city') return meta.values.city ?? [];
  if (field === 'country') return meta.values.country ?? [];
  if (field === 'tags') return meta.values.tags ?? [];
  return [];
}
