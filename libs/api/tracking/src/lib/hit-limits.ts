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
 * One script call for all the requests of an event-loop turn (HitBatch), so Redis runs one script and
 * one increment per counter instead of a script and two increments per hit. Each counter is
 * incremented by the number of the batch's requests it counts (expiry set by the first count of a
 * window); a request is within a limit when its place among the counter's requests, added to the
 * count before the batch, is within the maximum: the same outcome as counting them one by one in
 * order. A request within both limits that carries a hit appends it to the stream.
 * KEYS: hit stream, then each counter once.
 * ARGV: window ms, address max, code max, the increment of KEYS[2..], then per request: address
 * counter index, its place, code counter index (0: none), its place, number of hit fields (0: count
 * only), the fields.
 * Returns per request two values: { 0, entry id or '' } when allowed, otherwise { 1 (address) or
 * 2 (code), ms left in the window }.
 */
export const COUNT_AND_APPEND = `
local window = tonumber(ARGV[1])
local maxIp = tonumber(ARGV[2])
local maxCode = tonumber(ARGV[3])
local before = {}
local left = {}
for i = 2, #KEYS do
  local add = tonumber(ARGV[i + 2])
  local n = redis.call('INCRBY', KEYS[i], add)
  if n == add then redis.call('PEXPIRE', KEYS[i], window) end
  before[i] = n - add
end
local function over(i, place, max)
  if before[i] + place <= max then return -1 end
  if not left[i] then
    local ttl = redis.call('PTTL', KEYS[i])
    if ttl < 0 then
      redis.call('PEXPIRE', KEYS[i], window)
      ttl = window
    end
    left[i] = ttl
  end
  return left[i]
end
local out = {}
local a = #KEYS + 3
while a <= #ARGV do
  local ipKey, codeKey, nFields = tonumber(ARGV[a]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 4])
  local overIp = over(ipKey, tonumber(ARGV[a + 1]), maxIp)
  local overCode = -1
  if codeKey > 0 then overCode = over(codeKey, tonumber(ARGV[a + 3]), maxCode) end
  a = a + 5
  local o = #out
  if overIp >= 0 then
    out[o + 1] = 1
    out[o + 2] = overIp
  elseif overCode >= 0 then
    out[o + 1] = 2
    out[o + 2] = overCode
  elseif nFields == 0 then
    out[o + 1] = 0
    out[o + 2] = ''
  else
    out[o + 1] = 0
    out[o + 2] = redis.call('XADD', KEYS[1], '*', unpack(ARGV, a, a + nFields - 1))
  end
  a = a + nFields
end
return out
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

/** The address counter of a request. */
export function ipCounterKey(limits: TrackingLimits, ip: string | undefined): string {
  return `${limits.prefix}trackingIp:${limits.normalizeIp(ip)}`;
}

/** The code counter of a request (the code is cut to 200 characters, as a key should be short). */
export function codeCounterKey(limits: TrackingLimits, code: string | null): string | null {
  return code ? `${limits.prefix}trackingCode:${code.slice(0, 200)}` : null;
}
