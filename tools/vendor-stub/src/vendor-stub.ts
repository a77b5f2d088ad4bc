import type { VendorReceipt } from '@mini-crm/vendor-protocol';
import type { VendorMessageRecord, VendorStubStats } from './stub-stats.types';
import {
  resolveVendorStubOptions,
  type ResolvedVendorStubOptions,
  type RuntimeVendorStubOptions,
  type VendorStubOptions,
} from './options.util';
import { createVendorStubServer, listen } from './vendor-stub.server';
import { VendorStubService, type InboundResult } from './vendor-stub.service';

export interface VendorStubHandle {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  port: number;
  options: () => ResolvedVendorStubOptions;
  stats(): VendorStubStats;
  record(idempotencyKey: string): VendorMessageRecord | null;
  /** The latest receipts (sent, or kept in memory without receiptUrl), oldest first. */
  receipts(limit?: number): VendorReceipt[];
  reset(): void;
  configure(changes: RuntimeVendorStubOptions): ResolvedVendorStubOptions;
  /** Simulates a customer's SMS reply, signed and POSTed to inboundUrl (as `POST /v1/test/inbound`). */
  inbound(from: string, text: string): Promise<InboundResult>;
  /** Sends a forwarded inbound request again byte for byte (a captured replay); null for an unknown id. */
  replayInbound(id: string): Promise<{ receiverStatus: number } | null>;
  close(): Promise<void>;
}

/**
 * Starts the stub in this process. Only `options` and the defaults apply; to honour the
 * environment as the CLI does, pass `{ ...vendorStubOptionsFromEnv(process.env), ...options }`.
 */
export async function startVendorStub(options: VendorStubOptions = {}): Promise<VendorStubHandle> {
  const resolved = resolveVendorStubOptions(options);
  const service = new VendorStubService(resolved);
  const server = createVendorStubServer(service);
  let port: number;
  try {
    port = await listen(server, resolved.port, resolved.host);
  } catch (err) {
    await service.close();
    throw err;
  }
  const urlHost = resolved.host.includes(':')
    ? `[${resolved.host}]`
    : resolved.host === '0.0.0.0'
      ? '127.0.0.1'
      : resolved.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    options: () => service.options,
    stats: () => service.stats(),
    record: (key) => service.record(key),
    receipts: (limit = 100) => service.recentReceipts(limit),
    reset: () => service.reset(),
    configure: (changes) => service.configure(changes),
    inbound: (from, text) => service.inbound(from, text),
    replayInbound: (id) => service.replayInbound(id),
    close: () =>
      (closing ??= (async () => {
        await service.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })()),
  };
}
