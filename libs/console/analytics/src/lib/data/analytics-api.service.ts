import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiUrl, toHttpParams } from '@mini-crm/console/core';
import type {
  AnalyticsOverviewDto,
  AnalyticsRangeQueryDto,
  CampaignLinksDto,
  CampaignPerformanceListDto,
  CampaignPerformanceQueryDto,
  CampaignTimelineDto,
  ChurnDistributionDto,
  ClvBySegmentDto,
  RfmGridDto,
  SegmentPerformanceListDto,
  TimelineBucket,
} from '@mini-crm/contracts';
import { Observable } from 'rxjs';

const campaignPath = (id: string, rest: string) => apiUrl(`/analytics/campaigns/${encodeURIComponent(id)}${rest}`);

/** The analytics endpoints (`/api/analytics/…`): every number the Analytics page and the campaign charts show. */
@Injectable({ providedIn: 'root' })
export class AnalyticsApiService {
  private readonly http = inject(HttpClient);

  overview(query: AnalyticsRangeQueryDto): Observable<AnalyticsOverviewDto> {
    return this.http.get<AnalyticsOverviewDto>(apiUrl('/analytics/overview'), { params: toHttpParams({ ...query }) });
  }

  /** Per-campaign totals in the range (the top campaigns table, and the campaigns list columns). */
  campaigns(query: CampaignPerformanceQueryDto): Observable<CampaignPerformanceListDto> {
    return this.http.get<CampaignPerformanceListDto>(apiUrl('/analytics/campaigns'), {
      params: toHttpParams({ ...query }),
    });
  }

  segments(query: Pick<AnalyticsRangeQueryDto, 'from' | 'to'>): Observable<SegmentPerformanceListDto> {
    return this.http.get<SegmentPerformanceListDto>(apiUrl('/analytics/segments'), {
      params: toHttpParams({ ...query }),
    });
  }

  /** The customer-model scores in aggregate (as of the last model run). */
  rfmGrid(): Observable<RfmGridDto> {
    return this.http.get<RfmGridDto>(apiUrl('/analytics/customers/rfm-grid'));
  }

  churnRisk(): Observable<ChurnDistributionDto> {
    return this.http.get<ChurnDistributionDto>(apiUrl('/analytics/customers/churn-risk'));
  }

  clvBySegment(): Observable<ClvBySegmentDto> {
    return this.http.get<ClvBySegmentDto>(apiUrl('/analytics/customers/clv-by-segment'));
  }

  campaignTimeline(id: string, bucket: TimelineBucket): Observable<CampaignTimelineDto> {
    return this.http.get<CampaignTimelineDto>(campaignPath(id, '/timeline'), { params: toHttpParams({ bucket }) });
  }

  campaignLinks(id: string): Observable<CampaignLinksDto> {
    return this.http.get<CampaignLinksDto>(campaignPath(id, '/links'));
  }
}
