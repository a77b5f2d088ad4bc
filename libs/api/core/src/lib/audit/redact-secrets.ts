const SECRET_KEY = /(secret|token|password|passwd|apikey|authorization|cookie|signature|privatekey|hash)$/i;

/** A copy of an audit diff with secret-looking keys replaced by "[redacted]", at any depth. */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v)) as T;
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k.replace(/[-_]/g, '')) ? '[redacted]' : redactSecrets(v);
  return out as T;
}
