import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl, toHttpParams } from '@mini-crm/console/core';
import type {
  CreateSegmentDto,
  SegmentDetailDto,
  SegmentDto,
  SegmentFieldsDto,
  SegmentGroup,
  SegmentPageDto,
  SegmentPreviewDto,
  UpdateSegmentDto,
} from '@mini-crm/contracts';
import { Observable } from 'rxjs';

export interface SegmentListQuery {
  q?: string;
  cursor?: string | null;
  limit?: number;
  includeArchived?: boolean;
}

@Injectable({ providedIn: 'root' })
export class SegmentsApiService {
  private readonly http = inject(HttpClient);

  list(query: SegmentListQuery): Observable<SegmentPageDto> {
    return this.http.get<SegmentPageDto>(apiUrl('/segment-rules'), {
      params: toHttpParams({
        limit: query.limit ?? 25,
        cursor: query.cursor,
        q: query.q?.trim(),
        includeArchived: query.includeArchived || undefined,
      }),
    });
  }

  get(id: string): Observable<SegmentDetailDto> {
    return this.http.get<SegmentDetailDto>(apiUrl(`/segment-rules/${encodeURIComponent(id)}`));
  }

  create(body: CreateSegmentDto): Observable<SegmentDto> {
    return this.http.post<SegmentDto>(apiUrl('/segment-rules'), body);
  }

  update(id: string, body: UpdateSegmentDto): Observable<SegmentDto> {
    return this.http.patch<SegmentDto>(apiUrl(`/segment-rules/${encodeURIComponent(id)}`), body);
  }

  remove(id: string): Observable<unknown> {
    return this.http.delete(apiUrl(`/segment-rules/${encodeURIComponent(id)}`));
  }

  archive(id: string): Observable<SegmentDto> {
    return this.http.post<SegmentDto>(apiUrl(`/segment-rules/${encodeURIComponent(id)}/archive`), {});
  }

  unarchive(id: string): Observable<SegmentDto> {
    return this.http.post<SegmentDto>(apiUrl(`/segment-rules/${encodeURIComponent(id)}/unarchive`), {});
  }

  preview(rules: SegmentGroup): Observable<SegmentPreviewDto> {
    return this.http.post<SegmentPreviewDto>(apiUrl('/segment-rules/preview'), { rules });
  }

  /** The field registry plus attribute keys and frequent values for autocomplete (fresh per builder visit). */
  fields(): Observable<SegmentFieldsDto> {
    return this.http.get<SegmentFieldsDto>(apiUrl('/segment-fields'));
  }

  /** The audience as CSV (fetched with the bearer token, then saved by the browser). */
  exportCsv(id: string): Observable<Blob> {
    return this.http.get(apiUrl(`/segment-rules/${encodeURIComponent(id)}/export.csv`), { responseType: 'blob' });
  }
}
