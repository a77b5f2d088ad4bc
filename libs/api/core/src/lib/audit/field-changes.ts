/** The named fields whose value differs between two rows, as an audit diff `{ field: { from, to } }`. */
export function fieldChanges(
  before: object,
  after: object,
  fields: string[],
): Record<string, { from: unknown; to: unknown }> {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of fields) {
    const from = b[f] instanceof Date ? (b[f] as Date).toISOString() : (b[f] ?? null);
    const to = a[f] instanceof Date ? (a[f] as Date).toISOString() : (a[f] ?? null);
    if (JSON.stringify(from) !== JSON.stringify(to)) diff[f] = { from, to };
  }
  return diff;
}
