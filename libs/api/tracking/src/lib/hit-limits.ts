/**
 * The rate limits on tracking requests (RATE_LIMIT_TRACKING_*, installed by the API bootstrap):
 * fixed windows per client address and per code, counted in Redis so every API process counts
 * together. Full key names: the counters live under the rate limits' prefix, behind the app's hash
 * tag on a Redis Cluster, so they and the hit stream share a slot (one script).
 */
export interface TrackingLimits {
  /** The counters' key prefix, spelled out (the hit connection adds no prefix of its own). */
  prefix: string;
  windowMs: number;
  perIp: number;
  perCode: number;
  /** The address as the rate limits key it (IPv6 grouped like the API's own limits). */
  normalizeIp(ip: string | undefined): string;
}

/** Which limit a request went over, and for how long. */
export interface HitRefused {
  retryAfterSeconds: number;
  message: string;
}

/**
 * One round trip per hit: counts the address and the code (INCR, expiry set by the first count of
 * a window) and, only when both are within their limits and a stream is given, appends the hit.
 * Returns { 0, entry id } when allowed, otherwise { 1 (address) or 2 (code), ms left in the window }.
 * KEYS: address counter, code counter (optional), hit stream (optional).
 * ARGV: window ms, address max, code max, then the hit's field list.
 */
export const COUNT_AND_APPEND = `
local window = tonumber(ARGV[1])
local function count(key, max)
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('PEXPIRE', key, window) end
  if n <= max then return -1 end
  local left = redis.call('PTTL', key)
  if left < 0 then
    redis.call('PEXPIRE', key, window)
    left = window
  end
  return left
end
local overIp = count(KEYS[1], tonumber(ARGV[2]))
local overCode = -1
if KEYS[2] then overCode = count(KEYS[2], tonumber(ARGV[3])) end
if overIp >= 0 then return { 1, overIp } end
if overCode >= 0 then return { 2, overCode } end
if not KEYS[3] then return { 0, '' } end
return { 0, redis.call('XADD', KEYS[3], '*', unpack(ARGV, 4)) }
`;

const WORDS = { 1: 'tracking requests from this address', 2: 'hits on this tracking link' } as const;

/** The 429's wording for a refusal the script answered. */
export function refusal(limits: TrackingLimits, which: 1 | 2, leftMs: number): HitRefused {
  const retryAfterSeconds = Math.max(1, Math.ceil(leftMs / 1000));
  const max = which === 1 ? limits.perIp : limits.perCode;
  return {
    retryAfterSeconds,
    message:
      `Too many ${WORDS[which]}: at most ${max} in ${Math.round(limits.windowMs / 1000)} s; ` +
      `retry in ${retryAfterSeconds} s`,
  };
}

/** The counter keys of a request (the code is cut to 200 characters, as a key should be short). */
export function counterKeys(limits: TrackingLimits, ip: string | undefined, code: string | null): string[] {
  const keys = [`${limits.prefix}trackingIp:${limits.normalizeIp(ip)}`];
  if (code) keys.push(`${limits.prefix}trackingCode:${code.slice(0, 200)}`);
  return keys;
}
