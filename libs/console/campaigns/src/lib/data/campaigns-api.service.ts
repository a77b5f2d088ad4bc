import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl, toHttpParams } from '@mini-crm/console/core';
import { fileNameFrom } from '@mini-crm/console/ui';
import type {
  CampaignDto,
  CampaignPageDto,
  CampaignPreviewDto,
  CampaignStatsDto,
  CampaignStatus,
  CreateCampaignDto,
  EngagementFilter,
  LaunchCampaignDto,
  MessagePageDto,
  MessageStatus,
  MessageTokenListDto,
  PreviewDraftDto,
  SampleSizeDto,
  SampleSizeQueryDto,
  SegmentDto,
  SegmentFieldsDto,
  SegmentPageDto,
  TestSendDto,
  TestSendResultDto,
  UpdateCampaignDto,
} from '@mini-crm/contracts';
import { Observable, map } from 'rxjs';

const path = (id: string, rest = '') => apiUrl(`/campaigns/${encodeURIComponent(id)}${rest}`);

@Injectable({ providedIn: 'root' })
export class CampaignsApiService {
  private readonly http = inject(HttpClient);

  list(query: { status?: CampaignStatus | null; cursor?: string | null; limit?: number }): Observable<CampaignPageDto> {
    return this.http.get<CampaignPageDto>(apiUrl('/campaigns'), {
      params: toHttpParams({ limit: query.limit ?? 25, cursor: query.cursor, status: query.status }),
    });
  }

  get(id: string): Observable<CampaignDto> {
    return this.http.get<CampaignDto>(path(id));
  }

  create(body: CreateCampaignDto): Observable<CampaignDto> {
    return this.http.post<CampaignDto>(apiUrl('/campaigns'), body);
  }

  /** Autosave of a draft (or an edit of a scheduled campaign). */
  update(id: string, body: UpdateCampaignDto): Observable<CampaignDto> {
    return this.http.patch<CampaignDto>(path(id), body);
  }

  /** A new draft with the same segment, channel and message. */
  duplicate(id: string): Observable<CampaignDto> {
    return this.http.post<CampaignDto>(path(id, '/duplicate'), {});
  }

  /** A new draft, linked to this campaign, for the recipients whose failure was temporary (409 when none). */
  retryFailed(id: string): Observable<CampaignDto> {
    return this.http.post<CampaignDto>(path(id, '/retry-failed'), {});
  }

  /** Reach, samples and the launch estimate of a saved campaign. */
  preview(id: string, limit = 3): Observable<CampaignPreviewDto> {
    return this.http.post<CampaignPreviewDto>(path(id, '/preview'), { limit });
  }

  segment(id: string): Observable<SegmentDto> {
    return this.http.get<SegmentDto>(apiUrl(`/segment-rules/${encodeURIComponent(id)}`));
  }

  remove(id: string): Observable<unknown> {
    return this.http.delete(path(id));
  }

  launch(id: string, body: LaunchCampaignDto = {}): Observable<CampaignDto> {
    return this.http.post<CampaignDto>(path(id, '/launch'), body);
  }

  pause(id: string): Observable<CampaignDto> {
    return this.http.post<CampaignDto>(path(id, '/pause'), {});
  }

  resume(id: string): Observable<CampaignDto> {
    return this.http.post<CampaignDto>(path(id, '/resume'), {});
  }

  cancel(id: string): Observable<CampaignDto> {
    return this.http.post<CampaignDto>(path(id, '/cancel'), {});
  }

  stats(id: string): Observable<CampaignStatsDto> {
    return this.http.get<CampaignStatsDto>(path(id, '/stats'));
  }

  /** "Send winner now": the remainder gets this variant; answers the stats after the decision. */
  pickWinner(id: string, variant: string): Observable<CampaignStatsDto> {
    return this.http.post<CampaignStatsDto>(path(id, '/winner'), { variant });
  }

  /** Recipients a test needs per variant to detect the lift. */
  sampleSize(q: SampleSizeQueryDto): Observable<SampleSizeDto> {
    return this.http.get<SampleSizeDto>(apiUrl('/experiments/sample-size'), {
      params: toHttpParams({ ...q }),
    });
  }

  messages(
    id: string,
    query: {
      status?: MessageStatus | null;
      engagement?: EngagementFilter | null;
      cursor?: string | null;
      limit?: number;
    },
  ): Observable<MessagePageDto> {
    return this.http.get<MessagePageDto>(path(id, '/messages'), {
      params: toHttpParams({
        limit: query.limit ?? 50,
        cursor: query.cursor,
        status: query.status,
        engagement: query.engagement,
      }),
    });
  }

  /** Recipients (optionally by engagement) as CSV, through HttpClient so the bearer token applies. */
  recipientsCsv(id: string, engagement: EngagementFilter | null): Observable<{ blob: Blob; fileName: string | null }> {
    return this.http
      .get(path(id, '/recipients.csv'), {
        params: toHttpParams({ engagement }),
        responseType: 'blob',
        observe: 'response',
      })
      .pipe(
        map((res: HttpResponse<Blob>) => ({
          blob: res.body ?? new Blob([], { type: 'text/csv' }),
          fileName: fileNameFrom(res.headers.get('content-disposition')),
        })),
      );
  }

  /** Saves the people who clicked one tracked link as a new segment. */
  linkClickersSegment(id: string, linkId: number): Observable<SegmentDto> {
    return this.http.post<SegmentDto>(path(id, `/links/${encodeURIComponent(String(linkId))}/segment`), {});
  }

  tokens(): Observable<MessageTokenListDto> {
    return this.http.get<MessageTokenListDto>(apiUrl('/campaigns/tokens'));
  }

  previewDraft(body: PreviewDraftDto): Observable<CampaignPreviewDto> {
    return this.http.post<CampaignPreviewDto>(apiUrl('/campaigns/preview'), body);
  }

  /** "Send a test": the message on screen, rendered for one customer, to a few typed addresses or numbers. */
  testSend(body: TestSendDto): Observable<TestSendResultDto> {
    return this.http.post<TestSendResultDto>(apiUrl('/campaigns/test-send'), body);
  }

  /** Saved segments to send to (active ones, as the segments list shows them). */
  segments(q: string, cursor?: string | null): Observable<SegmentPageDto> {
    return this.http.get<SegmentPageDto>(apiUrl('/segment-rules'), {
      params: toHttpParams({ limit: 50, q: q.trim(), cursor }),
    });
  }

  /** Attribute keys in use, offered as `attributes.<key>` tokens. */
  segmentFields(): Observable<SegmentFieldsDto> {
    return this.http.get<SegmentFieldsDto>(apiUrl('/segment-fields'));
  }
}
