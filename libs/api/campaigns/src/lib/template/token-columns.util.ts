import { sql, SQL } from 'drizzle-orm';
import { ATTRIBUTE_FIELD_PREFIX, fieldByName } from '@mini-crm/contracts';

/**
 * A SQL expression over the unaliased `customers` row (as segment predicates expect) for each token. Attribute
 * keys are bound parameters; column names come only from the registry.
 */
export function tokenColumn(name: string): SQL {
  if (name.startsWith(ATTRIBUTE_FIELD_PREFIX)) {
    const key = name.slice(ATTRIBUTE_FIELD_PREFIX.length);
    return sql`case when jsonb_typeof(customers.attributes -> ${key}) in ('string','number','boolean') then customers.attributes ->> ${key} end`;
  }
  const field = fieldByName(name);
  if (!field) throw new Error(`unknown token ${name}`);
  if (field.derivedFrom)
    return sql`floor(extract(epoch from (now() - customers.${sql.identifier(field.derivedFrom)})) / 86400)::int`;
  if (field.type === 'date')
    return sql`to_char(customers.${sql.identifier(field.name)} at time zone 'UTC', 'YYYY-MM-DD')`;
  if (field.type === 'tags') return sql`array_to_string(customers.tags, ', ')`;
  return sql`customers.${sql.identifier(field.name)}::text`;
}

/** `select` list fragment: `<expr> as "t0", <expr> as "t1"…` in token order (empty for no tokens). */
export function tokenSelectList(tokens: readonly string[]): SQL {
  if (!tokens.length) return sql``;
  return sql.join(
    tokens.map((t, i) => sql`, ${tokenColumn(t)} as ${sql.identifier(`t${i}`)}`),
    sql``,
  );
}

/** Row (with t0…tn columns) → token values keyed by token name. */
export function tokenValues(tokens: readonly string[], row: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  tokens.forEach((t, i) => (values[t] = row[`t${i}`]));
  return values;
}
