import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl } from '@mini-crm/console/core';
import type { InsightsJobDto } from '@mini-crm/contracts';
import { Observable, switchMap, takeWhile, timer } from 'rxjs';

const POLL_MS = 1000;
const isDone = (job: InsightsJobDto) => job.state === 'completed' || job.state === 'failed';

/** Customer-model runs (`/api/insights/…`): start one, follow its progress. */
@Injectable({ providedIn: 'root' })
export class InsightsApiService {
  private readonly http = inject(HttpClient);

  recompute(): Observable<InsightsJobDto> {
    return this.http.post<InsightsJobDto>(apiUrl('/insights/recompute'), {});
  }

  job(id: string): Observable<InsightsJobDto> {
    return this.http.get<InsightsJobDto>(apiUrl(`/insights/jobs/${encodeURIComponent(id)}`));
  }

  /** The job's state every second until it has completed or failed (the last state included). */
  follow(id: string): Observable<InsightsJobDto> {
    return timer(0, POLL_MS).pipe(
      switchMap(() => this.job(id)),
      takeWhile((job) => !isDone(job), true),
    );
  }
}
