import type { VendorStubStats } from '@mini-crm/vendor-stub';

/**
 * `read()` taken while the vendor stood still, else null: before it nothing was in the vendor's hands
 * or owed, and none of its counters moved while it ran. The API acknowledges a receipt (and answers a
 * tracked hit) only after storing it, so a read that passes holds everything the vendor has sent; a
 * send accepted during the read (its receipt not yet due) moves the counters and voids it.
 */
export async function quietSnapshot<T>(
  vendor: () => VendorStubStats,
  read: () => Promise<T>,
): Promise<{ value: T; vendor: VendorStubStats } | null> {
  const before = vendor();
  const value = await read();
  const after = vendor();
  const idle = before.requestsInFlight === 0 && before.receiptsPending === 0;
  return idle && JSON.stringify(before) === JSON.stringify(after) ? { value, vendor: after } : null;
}
