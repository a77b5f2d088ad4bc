import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { SegmentsService } from '@mini-crm/api/segments';

/** The segment a campaign may target: it exists and is not archived (400 with the field, else). */
export async function requireUsableSegment(segments: SegmentsService, segmentId: string) {
  try {
    const a = await segments.getAudience(segmentId);
    if (a.segment.archivedAt)
      throw new BadRequestException({
        message: 'Segment is archived',
        details: [{ path: 'segmentId', message: 'segment is archived' }],
      });
    return a;
  } catch (e) {
    if (e instanceof NotFoundException)
      throw new BadRequestException({
        message: 'Unknown segment',
        details: [{ path: 'segmentId', message: `no segment ${segmentId}` }],
      });
    throw e;
  }
}
