import type { AuditAction } from '@mini-crm/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import type { AuditService } from './audit.service';

/**
 * Passes a bulk export's rows through and, when the download ends (finished or cut short), records who
 * exported what and how many rows left the building: `diff: { rows, complete, ...details }`.
 */
export async function* auditedExport<T>(
  rows: AsyncIterable<T>,
  audit: AuditService,
  event: { actor: AuthUser; action: AuditAction; entity: string; entityId: string; details?: Record<string, unknown> },
): AsyncGenerator<T> {
  let count = 0;
  let complete = false;
  try {
    for await (const row of rows) {
      count++;
      yield row;
    }
    complete = true;
  } finally {
    await audit.record({
      actor: event.actor,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      diff: { ...event.details, rows: count, complete },
    });
  }
}
