import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl, toHttpParams } from '@mini-crm/console/core';
import type { AuditPageDto } from '@mini-crm/contracts';
import { Observable } from 'rxjs';

export interface AuditQuery {
  action?: string;
  actor?: string;
  cursor?: string | null;
  limit?: number;
}

@Injectable({ providedIn: 'root' })
export class AuditApiService {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery): Observable<AuditPageDto> {
    return this.http.get<AuditPageDto>(apiUrl('/audit'), {
      params: toHttpParams({
        limit: query.limit ?? 50,
        cursor: query.cursor,
        action: query.action?.trim(),
        actor: query.actor?.trim(),
      }),
    });
  }
}
