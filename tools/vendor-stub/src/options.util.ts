import { parseArgs } from 'node:util';

export interface VendorStubOptions {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  /** Share of messages that fail permanently (half 422 at once, half a `failed` receipt). */
  failRate?: number;
  /** Share of requests answered 503. */
  retryableRate?: number;
  latencyMs?: number;
  receiptDelayMs?: number;
  receiptUrl?: string | null;
  inboundUrl?: string | null;
  secret?: string;
  openRate?: number;
  clickRate?: number;
  receiptBatchSize?: number;
  /** Receipt POSTs in flight at most. */
  receiptConcurrency?: number;
  /** First retry delay of a failed receipt POST; doubles up to `receiptRetryMaxMs`. */
  receiptRetryBaseMs?: number;
  receiptRetryMaxMs?: number;
  /** How many of the latest messages keep `to`/`subject`/`body` for introspection. */
  detailLimit?: number;
  /** How many of the latest receipts `GET /v1/receipts` can show. */
  receiptLogLimit?: number;
  /**
   * Simulate recipients over real HTTP after delivery: `openRate` of emails fetch the open pixel,
   * `clickRate` of messages follow a tracked link, `scannerRate` are gone through by a link scanner.
   */
  engage?: boolean;
  /** Delay between a message's delivery and its simulated reader (scanners come at once). */
  engageDelayMs?: number;
  /** Share of delivered messages whose every tracked link a scanner fetches at once (HEAD or GET). */
  scannerRate?: number;
  /** Send simulated hits here instead of the tracked URL's own origin (e.g. `http://127.0.0.1:3000`). */
  engageOrigin?: string | null;
  /** Simulated requests in flight at most. */
  engageConcurrency?: number;
  /**
   * Per-variant behaviour for experiments: a message whose body contains `contains` engages at these
   * rates instead of `openRate`/`clickRate` (the first matching rule wins), so a test or a demo has a
   * known true winner.
   */
  variantRates?: VariantRate[];
  /**
   * Added to the clock when signing webhooks (receipts, inbound), in ms; may be negative. Lets a
   * test send requests whose timestamp lies outside the receiver's tolerance window.
   */
  clockSkewMs?: number;
}

export interface VariantRate {
  contains: string;
  openRate?: number;
  clickRate?: number;
}

export type ResolvedVendorStubOptions = Required<VendorStubOptions>;

/** Options that may change on a running stub (`configure()` / `POST /v1/config`). */
export const RUNTIME_OPTIONS = [
  'failRate',
  'retryableRate',
  'latencyMs',
  'receiptDelayMs',
  'receiptUrl',
  'inboundUrl',
  'secret',
  'openRate',
  'clickRate',
  'receiptBatchSize',
  'receiptConcurrency',
  'receiptRetryBaseMs',
  'receiptRetryMaxMs',
  'engage',
  'engageDelayMs',
  'scannerRate',
  'engageOrigin',
  'engageConcurrency',
  'variantRates',
  'clockSkewMs',
] as const;
export type RuntimeVendorStubOptions = Pick<VendorStubOptions, (typeof RUNTIME_OPTIONS)[number]>;

export const DEFAULT_VENDOR_STUB_OPTIONS: ResolvedVendorStubOptions = {
  port: 0,
  host: '127.0.0.1',
  failRate: 0.1,
  retryableRate: 0,
  latencyMs: 0,
  receiptDelayMs: 200,
  receiptUrl: null,
  inboundUrl: null,
  secret: 'dev-vendor-secret',
  openRate: 0.4,
  clickRate: 0.1,
  receiptBatchSize: 500,
  receiptConcurrency: 4,
  receiptRetryBaseMs: 200,
  receiptRetryMaxMs: 5_000,
  detailLimit: 100_000,
  receiptLogLimit: 10_000,
  engage: false,
  engageDelayMs: 5_000,
  scannerRate: 0,
  engageOrigin: null,
  engageConcurrency: 16,
  variantRates: [],
  clockSkewMs: 0,
};

const RATES = ['failRate', 'retryableRate', 'openRate', 'clickRate', 'scannerRate'] as const;
const NON_NEGATIVE = [
  'latencyMs',
  'receiptDelayMs',
  'receiptRetryBaseMs',
  'receiptRetryMaxMs',
  'detailLimit',
  'receiptLogLimit',
  'engageDelayMs',
] as const;

/** Defaults + given options, validated. Throws a readable error on a bad value. */
export function resolveVendorStubOptions(
  options: VendorStubOptions = {},
  base = DEFAULT_VENDOR_STUB_OPTIONS,
): ResolvedVendorStubOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const out = { ...base, ...defined } as ResolvedVendorStubOptions;
  for (const key of RATES) {
    if (!isFiniteNumber(out[key]) || out[key] < 0 || out[key] > 1)
      throw new Error(`vendor-stub: ${key} must be a number in [0, 1]`);
  }
  for (const key of NON_NEGATIVE) {
    if (!isFiniteNumber(out[key]) || out[key] < 0) throw new Error(`vendor-stub: ${key} must be a number >= 0`);
  }
  if (!isFiniteNumber(out.clockSkewMs)) throw new Error('vendor-stub: clockSkewMs must be a number');
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535)
    throw new Error('vendor-stub: port must be an integer in [0, 65535]');
  if (!Number.isInteger(out.receiptBatchSize) || out.receiptBatchSize < 1)
    throw new Error('vendor-stub: receiptBatchSize must be an integer >= 1');
  if (!Number.isInteger(out.receiptConcurrency) || out.receiptConcurrency < 1)
    throw new Error('vendor-stub: receiptConcurrency must be an integer >= 1');
  if (typeof out.secret !== 'string' || out.secret === '')
    throw new Error('vendor-stub: secret must be a non-empty string');
  if (!Number.isInteger(out.engageConcurrency) || out.engageConcurrency < 1)
    throw new Error('vendor-stub: engageConcurrency must be an integer >= 1');
  if (typeof out.engage !== 'boolean') throw new Error('vendor-stub: engage must be true or false');
  if (
    !Array.isArray(out.variantRates) ||
    out.variantRates.some(
      (r) =>
        typeof r?.contains !== 'string' ||
        r.contains === '' ||
        [r.openRate, r.clickRate].some((x) => x !== undefined && !(isFiniteNumber(x) && x >= 0 && x <= 1)),
    )
  )
    throw new Error(
      'vendor-stub: variantRates must be a list of { contains, openRate?, clickRate? } with rates in [0, 1]',
    );
  for (const key of ['receiptUrl', 'inboundUrl', 'engageOrigin'] as const) {
    if (out[key] === '') out[key] = null;
    if (key === 'engageOrigin' && typeof out[key] === 'string') out[key] = (out[key] as string).replace(/\/+$/, '');
    if (out[key] !== null && !/^https?:\/\//.test(String(out[key])))
      throw new Error(`vendor-stub: ${key} must be an http(s) URL`);
  }
  return out;
}

const ENV: Record<string, keyof VendorStubOptions> = {
  VENDOR_STUB_PORT: 'port',
  VENDOR_STUB_HOST: 'host',
  VENDOR_STUB_FAIL_RATE: 'failRate',
  VENDOR_STUB_RETRYABLE_RATE: 'retryableRate',
  VENDOR_STUB_LATENCY_MS: 'latencyMs',
  VENDOR_STUB_RECEIPT_DELAY_MS: 'receiptDelayMs',
  VENDOR_STUB_RECEIPT_URL: 'receiptUrl',
  VENDOR_STUB_INBOUND_URL: 'inboundUrl',
  VENDOR_STUB_SECRET: 'secret',
  VENDOR_WEBHOOK_SECRET: 'secret',
  VENDOR_STUB_OPEN_RATE: 'openRate',
  VENDOR_STUB_CLICK_RATE: 'clickRate',
  VENDOR_STUB_RECEIPT_BATCH_SIZE: 'receiptBatchSize',
  VENDOR_STUB_RECEIPT_CONCURRENCY: 'receiptConcurrency',
  VENDOR_STUB_RECEIPT_RETRY_BASE_MS: 'receiptRetryBaseMs',
  VENDOR_STUB_RECEIPT_RETRY_MAX_MS: 'receiptRetryMaxMs',
  VENDOR_STUB_DETAIL_LIMIT: 'detailLimit',
  VENDOR_STUB_RECEIPT_LOG_LIMIT: 'receiptLogLimit',
  VENDOR_STUB_ENGAGE: 'engage',
  VENDOR_STUB_ENGAGE_DELAY_MS: 'engageDelayMs',
  VENDOR_STUB_SCANNER_RATE: 'scannerRate',
  VENDOR_STUB_ENGAGE_ORIGIN: 'engageOrigin',
  VENDOR_STUB_ENGAGE_CONCURRENCY: 'engageConcurrency',
  VENDOR_STUB_CLOCK_SKEW_MS: 'clockSkewMs',
};

/** Options found in `VENDOR_STUB_*` variables (and `VENDOR_WEBHOOK_SECRET`, which wins for the secret). */
export function vendorStubOptionsFromEnv(env: NodeJS.ProcessEnv): VendorStubOptions {
  const out: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') out[key] = coerce(key, raw, name);
  }
  return out as VendorStubOptions;
}

const FLAGS: Record<string, keyof VendorStubOptions> = {
  port: 'port',
  host: 'host',
  'fail-rate': 'failRate',
  'retryable-rate': 'retryableRate',
  'latency-ms': 'latencyMs',
  'receipt-delay-ms': 'receiptDelayMs',
  'receipt-url': 'receiptUrl',
  'inbound-url': 'inboundUrl',
  secret: 'secret',
  'open-rate': 'openRate',
  'click-rate': 'clickRate',
  'receipt-batch-size': 'receiptBatchSize',
  'receipt-concurrency': 'receiptConcurrency',
  'receipt-retry-base-ms': 'receiptRetryBaseMs',
  'receipt-retry-max-ms': 'receiptRetryMaxMs',
  'detail-limit': 'detailLimit',
  'receipt-log-limit': 'receiptLogLimit',
  engage: 'engage',
  'engage-delay-ms': 'engageDelayMs',
  'scanner-rate': 'scannerRate',
  'engage-origin': 'engageOrigin',
  'engage-concurrency': 'engageConcurrency',
  'clock-skew-ms': 'clockSkewMs',
};

export const VENDOR_STUB_USAGE = `Usage: npx tsx --tsconfig tsconfig.base.json tools/vendor-stub/src/main.ts [options]
${Object.keys(FLAGS)
  .map((flag) => `  --${flag} <value>`)
  .join('\n')}
  --help
Each option may also come from its VENDOR_STUB_* variable (e.g. VENDOR_STUB_FAIL_RATE); the secret from VENDOR_WEBHOOK_SECRET.`;

/** Options given as `--kebab-case value` or `--kebab-case=value` flags. */
export function vendorStubOptionsFromArgv(argv: string[]): VendorStubOptions & { help?: boolean } {
  const spec = Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }]));
  const parsed = parseArgs({
    args: argv,
    options: { ...spec, help: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const out: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(FLAGS)) {
    const raw = values[flag];
    if (typeof raw === 'string') out[key] = coerce(key, raw, `--${flag}`);
  }
  if (values['help'] === true) out['help'] = true;
  return out as VendorStubOptions & { help?: boolean };
}

function coerce(key: keyof VendorStubOptions, raw: string, source: string): unknown {
  if (key === 'host' || key === 'secret' || key === 'receiptUrl' || key === 'inboundUrl' || key === 'engageOrigin')
    return raw;
  if (key === 'engage') {
    if (/^(true|1|yes|on)$/i.test(raw)) return true;
    if (/^(false|0|no|off)$/i.test(raw)) return false;
    throw new Error(`vendor-stub: ${source} must be true or false, got "${raw}"`);
  }
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n))
    throw new Error(`vendor-stub: ${source} must be a number, got "${raw}"`);
  return n;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
