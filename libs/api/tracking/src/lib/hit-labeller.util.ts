import type { EngagementEventRow, MessageContext } from './engagement.repository';
import type { TrackedHit } from './hit-stream';
import { burstKeys, requestMachineReason, tooFast, type MachineReason } from './machine-rules.util';

export interface LabelOptions {
  machineWindowSeconds: number;
  burstSeconds: number;
}

/**
 * Events of a batch with their machine labels, and the stored clicks to relabel as a scanner
 * burst. Hits of messages that do not exist are dropped here (and by the statement).
 */
export function labelHits(
  hits: readonly { id: string; hit: TrackedHit }[],
  context: Map<string, MessageContext>,
  opts: LabelOptions,
): { events: EngagementEventRow[]; relabel: string[] } {
  const events: EngagementEventRow[] = [];
  const byMessage = new Map<string, EngagementEventRow[]>();
  for (const { id, hit } of hits) {
    const ctx = context.get(hit.messageId);
    if (!ctx) continue;
    let reason: MachineReason | null = requestMachineReason(hit);
    if (!reason && tooFast(hit.at, ctx.reachedAt, opts.machineWindowSeconds)) reason = 'too_fast';
    const e: EngagementEventRow = {
      hitId: id,
      messageId: hit.messageId,
      linkId: hit.linkId,
      type: hit.type,
      at: new Date(hit.at),
      userAgent: hit.userAgent || null,
      ipHash: hit.ipHash || null,
      machine: reason !== null,
      machineReason: reason,
    };
    events.push(e);
    if (e.type === 'click') byMessage.set(e.messageId, [...(byMessage.get(e.messageId) ?? []), e]);
  }
  const relabel: string[] = [];
  for (const [messageId, clicks] of byMessage) {
    const ctx = context.get(messageId) as MessageContext;
    const fresh = new Set(clicks.map((c) => c.hitId));
    const all = [
      ...ctx.clicks.filter((c) => !fresh.has(c.hitId)).map((c) => ({ key: c.hitId, linkId: c.linkId, at: c.at })),
      ...clicks.map((c) => ({ key: c.hitId, linkId: c.linkId as number, at: c.at.getTime() })),
    ];
    const burst = burstKeys(all, ctx.linkCount, opts.burstSeconds);
    if (!burst.size) continue;
    for (const c of clicks)
      if (burst.has(c.hitId) && !c.machine) {
        c.machine = true;
        c.machineReason = 'scanner_burst';
      }
    for (const c of ctx.clicks) if (burst.has(c.hitId) && !c.machine && !fresh.has(c.hitId)) relabel.push(c.hitId);
  }
  return { events, relabel };
}
