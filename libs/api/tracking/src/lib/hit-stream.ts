/** Redis stream of tracked hits (under the app's key prefix) and its consumer group. */
export const HIT_STREAM = 'tracking:hits';
export const HIT_GROUP = 'engagement';

/** One tracked hit as buffered in the stream; the stream entry id becomes engagement_events.hit_id. */
export interface TrackedHit {
  messageId: string;
  linkId: number | null;
  type: 'open' | 'click';
  at: number;
  userAgent: string;
  ipHash: string;
  method: string;
  prefetch: string;
}

export function hitFields(h: TrackedHit): string[] {
  return [
    'm',
    h.messageId,
    'l',
    h.linkId === null ? '' : String(h.linkId),
    't',
    h.type === 'open' ? 'o' : 'c',
    'at',
    String(h.at),
    'ua',
    h.userAgent,
    'ip',
    h.ipHash,
    'me',
    h.method,
    'pf',
    h.prefetch,
  ];
}

/** The hit of a stream entry's field list; null for an entry that is not one (never written by us). */
export function hitOf(fields: string[]): TrackedHit | null {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  const at = Number(f['at']);
  const linkId = f['l'] ? Number(f['l']) : null;
  if (!/^[0-9a-f-]{36}$/.test(f['m'] ?? '') || !Number.isFinite(at) || (f['t'] !== 'o' && f['t'] !== 'c')) return null;
  if (f['t'] === 'c' && !(linkId && Number.isInteger(linkId))) return null;
  return {
    messageId: f['m'],
    linkId: f['t'] === 'c' ? linkId : null,
    type: f['t'] === 'o' ? 'open' : 'click',
    at,
    userAgent: f['ua'] ?? '',
    ipHash: f['ip'] ?? '',
    method: f['me'] ?? 'GET',
    prefetch: f['pf'] ?? '',
  };
}
