import { BadRequestException } from '@nestjs/common';
import type { SendingWindowDto } from '@mini-crm/contracts';

/** Only the two times are stored (the DTO instance may carry nothing else, but stay explicit). */
const windowOf = (w: SendingWindowDto | null | undefined) => (w ? { start: w.start, end: w.end } : null);

/** A campaign sends in its own window, the workspace default (both null/false), or at any time; never two at once. */
export function windowChoice(window: SendingWindowDto | null | undefined, anyTime: boolean) {
  if (anyTime && window)
    throw new BadRequestException({
      message: 'Choose either a sending window or any time, not both',
      details: [{ path: 'sendAnyTime', message: 'Any time cannot be combined with a sending window' }],
    });
  return { sendingWindow: windowOf(window), sendAnyTime: anyTime };
}
