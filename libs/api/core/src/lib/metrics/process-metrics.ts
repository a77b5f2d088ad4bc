import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Figures of this process (one registry per process, as Prometheus sees it): default Node metrics
 * (event-loop lag, memory, CPU, GC), HTTP durations and the delivery, tracking and import counters.
 * Domain code records through the functions below, one call at a narrow point; figures read from
 * an app's own clients (queues, the database pool) are collected on scrape by AppMetrics.
 */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 20 });

const httpDuration = new Histogram({
  name: 'crm_http_request_duration_seconds',
  help: 'HTTP request duration by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processRegistry],
});

const messagesSent = new Counter({
  name: 'crm_messages_sent_total',
  help: 'Messages the vendor accepted, per channel',
  labelNames: ['channel'] as const,
  registers: [processRegistry],
});

const messagesFailed = new Counter({
  name: 'crm_messages_failed_total',
  help: 'Messages failed at send time (consent, suppression, vendor rejection or error), per channel',
  labelNames: ['channel'] as const,
  registers: [processRegistry],
});

const lagBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

const receiptLag = new Histogram({
  name: 'crm_receipt_lag_seconds',
  help: "Time from the vendor's receipt event to the receipt being applied",
  buckets: lagBuckets,
  registers: [processRegistry],
});

const trackingHitLag = new Histogram({
  name: 'crm_tracking_hit_lag_seconds',
  help: 'Time from a tracked click or open to its engagement event being written',
  buckets: lagBuckets,
  registers: [processRegistry],
});

const importRows = new Counter({
  name: 'crm_import_rows_total',
  help: 'CSV import rows written, by outcome (inserted, updated, duplicate, failed)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [processRegistry],
});

/** One child per label set: an observation on the hot path is then an array push, not a label hash. */
const httpChildren = new Map<string, ReturnType<typeof httpDuration.labels>>();

export function observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
  const key = `${method} ${status} ${route}`;
  let child = httpChildren.get(key);
  if (!child) {
    child = httpDuration.labels(method, route, String(status));
    httpChildren.set(key, child);
  }
  child.observe(seconds);
}

export function countMessages(channel: string, sent: number, failed: number): void {
  if (sent) messagesSent.inc({ channel }, sent);
  if (failed) messagesFailed.inc({ channel }, failed);
}

/** `at`: when each event happened (epoch ms or an ISO string); observed against now. */
export function observeReceiptLag(at: Iterable<number | string>): void {
  observeLag(receiptLag, at);
}

export function observeTrackingHitLag(at: Iterable<number | string>): void {
  observeLag(trackingHitLag, at);
}

export function countImportRows(
  kind: string,
  counts: { inserted: number; updated: number; duplicates: number; failed: number },
): void {
  if (counts.inserted) importRows.inc({ kind, outcome: 'inserted' }, counts.inserted);
  if (counts.updated) importRows.inc({ kind, outcome: 'updated' }, counts.updated);
  if (counts.duplicates) importRows.inc({ kind, outcome: 'duplicate' }, counts.duplicates);
  if (counts.failed) importRows.inc({ kind, outcome: 'failed' }, counts.failed);
}

function observeLag(h: Histogram, at: Iterable<number | string>): void {
  const now = Date.now();
  for (const t of at) {
    const ms = typeof t === 'number' ? t : Date.parse(t);
    if (Number.isFinite(ms)) h.observe(Math.max(0, now - ms) / 1000);
  }
}
