import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { StreamTicketDto } from '@mini-crm/contracts';
import { Observable } from 'rxjs';
import { apiUrl } from '../api/api-url.util';

/**
 * Server-sent event streams without tokens in the URL: EventSource cannot send an Authorization
 * header, so each opening first asks `POST /api/auth/stream-ticket` (through HttpClient, so the
 * bearer token and its refresh apply) for a single-use ticket and opens `url?ticket=…`. A ticket is
 * spent when the stream opens, so a reconnect subscribes again (a new ticket); callers close the
 * EventSource on error instead of letting it retry with the spent one.
 */
@Injectable({ providedIn: 'root' })
export class TicketedEventSourceService {
  private readonly http = inject(HttpClient);

  /** Emits the opened EventSource once; closes it on unsubscribe; errors when no ticket could be had. */
  open(url: string): Observable<EventSource> {
    return new Observable<EventSource>((subscriber) => {
      let source: EventSource | null = null;
      const ticket = this.http.post<StreamTicketDto>(apiUrl('/auth/stream-ticket'), {}).subscribe({
        next: ({ ticket: value }) => {
          source = new EventSource(`${url}${url.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(value)}`);
          subscriber.next(source);
        },
        error: (err: unknown) => subscriber.error(err),
      });
      return () => {
        ticket.unsubscribe();
        source?.close();
      };
    });
  }
}
