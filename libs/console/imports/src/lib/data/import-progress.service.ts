import { Injectable, inject } from '@angular/core';
import { AuthService } from '@mini-crm/console/core';
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
/** No event for this long after opening the stream: poll as well (a proxy may be buffering it). */
const SILENCE_MS = 6000;

/**
 * Live updates of one import job until it ends: server-sent events when they work, polling
 * `GET /api/imports/:id` once a second when they do not (no EventSource, a dropped stream,
 * an expired token in the query, a buffering proxy). Completes after the terminal state.
 */
@Injectable({ providedIn: 'root' })
export class ImportProgressService {
  private readonly api = inject(ImportsApiService);
  private readonly auth = inject(AuthService);

  watch(id: string): Observable<ImportUpdate> {
    return new Observable<ImportUpdate>((subscriber) => {
      let source: EventSource | null = null;
      let polling: Subscription | null = null;
      let silence: ReturnType<typeof setTimeout> | null = null;
      let done = false;

      const stop = () => {
        done = true;
        source?.close();
        source = null;
        polling?.unsubscribe();
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

      const token = this.auth.accessToken();
      if (typeof EventSource === 'undefined' || !token) {
        poll();
        return stop;
      }
      source = new EventSource(this.api.eventsUrl(id, token));
      const onData = (event: MessageEvent<string>) => {
        if (silence) clearTimeout(silence);
        const job = parseJob(event.data);
        if (job) emit(job, 'sse');
      };
      for (const name of ['message', 'progress', 'status', 'import']) source.addEventListener(name, onData as EventListener);
      source.onerror = () => {
        // The server closing the stream after the last event also lands here; only fall back while unfinished.
        source?.close();
        source = null;
        if (!done) poll();
      };
      silence = setTimeout(poll, SILENCE_MS);
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
