import type { ConsentEventDto } from '@mini-crm/contracts';
import type { ConsentEventRow } from './consent-events.repository';

export function toConsentEventDto(r: ConsentEventRow): ConsentEventDto {
  return {
    id: r.id,
    channel: r.channel as ConsentEventDto['channel'],
    status: r.status as ConsentEventDto['status'],
    source: r.source as ConsentEventDto['source'],
    note: r.note,
    actorId: r.actorId,
    actorEmail: r.actorEmail,
    at: r.at.toISOString(),
  };
}
