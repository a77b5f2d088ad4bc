import { Injectable, inject } from '@angular/core';
import { TicketedEventSourceService } from '@mini-crm/console/core';
import type { ImportJobDto } from '@mini-crm/contracts';
import { Observable, Subscription, retry, switchMap, timer } from 'rxjs';
import { isTerminal } from '../format/import-format.util';
import { ImportsApiService } from './imports-api.service';

export type ProgressTransport = 'sse' | 'polling';

export interface ImportUpdate {
  job: ImportJobDto;
  transport: ProgressTransport;
}

const POLL_MS = 1000;
/** No event for this long: poll meanwhile (a buffering proxy, a busy server, a long queue wait); the next event stops it. */
const SILENCE_MS = 6000;
/** A dropped stream is reopened (with a new ticket) this many times; polling covers the gap and the rest. */
const MAX_RECONNECTS = 3;

/**
 * Live updates of one import job until it ends: server-sent events when they work, polling
 * `GET /api/imports/:id` once a second when they do not (no EventSource, a dropped stream,
 * no stream ticket, a buffering proxy). Each opening of the stream takes a new single-use ticket;
 * a dropped one is reopened a few times. Completes after the terminal state.
 */
@Injectable({ providedIn: 'root' })
export class ImportProgressService {
  private readonly api = inject(ImportsApiService);
  private readonly streams = inject(TicketedEventSourceService);

  watch(id: string): Observable<ImportUpdate> {
    return new Observable<ImportUpdate>((subscriber) => {
      let source: EventSource | null = null;
      let opening: Subscription | null = null;
      let reconnects = 0;
      let polling: Subscription | null = null;
      let silence: ReturnType<typeof setTimeout> | null = null;
      let done = false;

      const stopPolling = () => {
        polling?.unsubscribe();
        polling = null;
      };
      const stop = () => {
        done = true;
        opening?.unsubscribe();
        source?.close();
        source = null;
        stopPolling();
        if (silence) clearTimeout(silence);
      };
      const emit = (job: ImportJobDto, transport: ProgressTransport) => {
        if (done) return;
        subscriber.next({ job, transport });
        if (isTerminal(job.status)) {
          stop();
          subscriber.complete();
        }
      };
      const poll = () => {
        if (done || polling) return;
        polling = timer(0, POLL_MS)
          .pipe(
            switchMap(() => this.api.get(id)),
            retry({ count: 10, delay: 2000 }),
          )
          .subscribe({ next: (job) => emit(job, 'polling'), error: (err: unknown) => subscriber.error(err) });
      };

      if (typeof EventSource === 'undefined') {
        poll();
        return stop;
      }
      const armSilence = () => {
        if (silence) clearTimeout(silence);
        silence = setTimeout(poll, SILENCE_MS);
      };
      const onData = (event: MessageEvent<string>) => {
        const job = parseJob(event.data);
        if (!job) return;
        // The stream is alive again: polling (started by a silence) is no longer needed.
        stopPolling();
        emit(job, 'sse');
        if (!done) armSilence();
      };
      const open = () => {
        opening?.unsubscribe();
        opening = this.streams.open(this.api.eventsUrl(id)).subscribe({
          next: (opened) => {
            source = opened;
            opened.addEventListener('message', onData);
            opened.onerror = onError;
            armSilence();
          },
          error: () => {
            if (!done) poll();
          },
        });
      };
      const onError = () => {
        // The server closing the stream after the last event also lands here; only carry on while
        // unfinished. The ticket is spent, so EventSource must not retry by itself: reopen with a new one.
        source?.close();
        source = null;
        if (silence) clearTimeout(silence);
        if (done) return;
        poll();
        if (reconnects++ < MAX_RECONNECTS) open();
      };
      open();
      return stop;
    });
  }
}

function parseJob(data: string): ImportJobDto | null {
  try {
    const value = JSON.parse(data) as Partial<ImportJobDto> | { data?: ImportJobDto };
    const job = 'data' in value && value.data ? value.data : (value as ImportJobDto);
    return typeof job?.id === 'string' && typeof job.status === 'string' ? job : null;
  } catch {
    return null;
  }
}
