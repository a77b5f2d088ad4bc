import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CAMPAIGN_CHANNELS, MessageListQueryDto, type CampaignChannel } from './campaigns.dto';
import { ENGAGEMENT_OPERATORS } from '../segments/segment-fields';
import { SegmentSizePointDto } from './segments.dto';

export const TIMELINE_BUCKETS = ['minute', 'hour', 'day'] as const;
export type TimelineBucket = (typeof TIMELINE_BUCKETS)[number];

/** Engagement filters for a campaign's recipients (list, CSV export): the segment conditions' operators, plus `failed`. */
export const ENGAGEMENT_FILTERS = [...ENGAGEMENT_OPERATORS, 'failed'] as const;
export type EngagementFilter = (typeof ENGAGEMENT_FILTERS)[number];

const ENGAGEMENT_MESSAGE = `engagement must be one of ${ENGAGEMENT_FILTERS.join(', ')}`;

/**
 * A campaign's recipients, optionally by engagement. Same meaning as the segment conditions: received =
 * handed to the vendor and not failed; delivered/opened/clicked = received with a delivery / first human
 * open / first human click; not_opened/not_clicked = received without one; converted = an order was
 * attributed to the message; failed = never sent.
 */
export class CampaignMessageListQueryDto extends MessageListQueryDto {
  @IsOptional()
  @IsIn(ENGAGEMENT_FILTERS, { message: ENGAGEMENT_MESSAGE })
  engagement?: EngagementFilter;
}

export class CampaignRecipientsCsvQueryDto {
  @IsOptional()
  @IsIn(ENGAGEMENT_FILTERS, { message: ENGAGEMENT_MESSAGE })
  engagement?: EngagementFilter;
}

/** A saved segment of the people who clicked one tracked link of a campaign. */
export class CreateClickersSegmentDto {
  /** Default: `Clicked <url> in <campaign>` (made unique with a ` (2)`, ` (3)`… suffix). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;
}

/**
 * `from`/`to` default to the last 30 days (ending now); `to` is exclusive and must be after `from`.
 * Rollups are hourly: an hour counts when its start lies in [from, to).
 */
export class DateRangeQueryDto {
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;
}

export class AnalyticsRangeQueryDto extends DateRangeQueryDto {
  @IsOptional()
  @IsIn(CAMPAIGN_CHANNELS, { message: `channel must be one of ${CAMPAIGN_CHANNELS.join(', ')}` })
  channel?: CampaignChannel;
}

export const CAMPAIGN_PERFORMANCE_SORTS = [
  'sent',
  'delivered',
  'deliveryRate',
  'openRate',
  'clickRate',
  'conversions',
  'conversionRate',
  'revenue',
  'startedAt',
] as const;
export type CampaignPerformanceSort = (typeof CAMPAIGN_PERFORMANCE_SORTS)[number];

/** Per-campaign performance: campaigns with activity in the range, sorted descending by `sort` (default `sent`). */
export class CampaignPerformanceQueryDto extends AnalyticsRangeQueryDto {
  @IsOptional()
  @IsIn(CAMPAIGN_PERFORMANCE_SORTS, { message: `sort must be one of ${CAMPAIGN_PERFORMANCE_SORTS.join(', ')}` })
  sort?: CampaignPerformanceSort;

  /** 1–500, default 50. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(500)
  limit?: number;
}

export class CampaignTimelineQueryDto {
  @IsOptional()
  @IsIn(TIMELINE_BUCKETS, { message: `bucket must be one of ${TIMELINE_BUCKETS.join(', ')}` })
  bucket?: TimelineBucket;
}

/** Counts are unique human events unless named `machine…`; rates are 0–1 (null when the base is 0). */
export class AnalyticsTotalsDto {
  sent!: number;
  delivered!: number;
  failed!: number;
  /** delivered / (sent + failed) */
  deliveryRate!: number | null;
  /** Unique human opens (email). */
  opened!: number;
  /** Unique human clicks. */
  clicked!: number;
  machineOpens!: number;
  machineClicks!: number;
  /** opened / delivered */
  openRate!: number | null;
  /** clicked / delivered */
  clickRate!: number | null;
  conversions!: number;
  /** conversions / delivered */
  conversionRate!: number | null;
  revenue!: number;
  unsubscribes!: number;
  /** From configured cost per message per channel; null when not configured. */
  cost!: number | null;
  /** (revenue − cost) / cost; null without cost. */
  roi!: number | null;
}

export class TimelinePointDto {
  /** Bucket start (ISO). */
  at!: string;
  sent!: number;
  delivered!: number;
  failed!: number;
  opened!: number;
  clicked!: number;
  converted!: number;
  revenue!: number;
}

export class ChannelTotalsDto {
  channel!: CampaignChannel;
  totals!: AnalyticsTotalsDto;
}

export class SourceTotalsDto {
  /** `ai` (message from an AI suggestion) or `manual`. */
  source!: 'ai' | 'manual';
  campaigns!: number;
  totals!: AnalyticsTotalsDto;
}

export class AnalyticsOverviewDto {
  from!: string;
  to!: string;
  channel!: CampaignChannel | null;
  /** Currency of revenue and cost (COST_CURRENCY, default DEFAULT_CURRENCY); revenue adds order amounts as booked. */
  currency!: string;
  current!: AnalyticsTotalsDto;
  /** The period of equal length just before `from`. */
  previous!: AnalyticsTotalsDto;
  byChannel!: ChannelTotalsDto[];
  bySource!: SourceTotalsDto[];
  /** Hourly points for ranges up to 2 days, daily beyond. */
  bucket!: TimelineBucket;
  series!: TimelinePointDto[];
}

export class CampaignTimelineDto {
  campaignId!: string;
  bucket!: TimelineBucket;
  points!: TimelinePointDto[];
}

export class CampaignLinkStatsDto {
  linkId!: number;
  url!: string;
  position!: number;
  /** Human clicks (total). */
  clicks!: number;
  /** Recipients with at least one human click on this link. */
  uniqueClicks!: number;
  machineClicks!: number;
}

export class CampaignLinksDto {
  campaignId!: string;
  items!: CampaignLinkStatsDto[];
}

export class CampaignPerformanceDto {
  campaignId!: string;
  name!: string;
  channel!: CampaignChannel;
  status!: string;
  segmentId!: string;
  segmentName!: string | null;
  messageSource!: 'ai' | 'manual';
  startedAt!: string | null;
  totals!: AnalyticsTotalsDto;
}

export class CampaignPerformanceListDto {
  items!: CampaignPerformanceDto[];
}

export class SegmentPerformanceDto {
  segmentId!: string;
  name!: string;
  campaigns!: number;
  recipients!: number;
  deliveryRate!: number | null;
  openRate!: number | null;
  clickRate!: number | null;
  conversionRate!: number | null;
  revenue!: number;
  revenuePerRecipient!: number | null;
  sizes!: SegmentSizePointDto[];
}

export class SegmentPerformanceListDto {
  items!: SegmentPerformanceDto[];
}

/** One campaign as it reached one customer (customer page timeline). */
export class CustomerEngagementItemDto {
  campaignId!: string;
  campaignName!: string;
  channel!: CampaignChannel;
  messageStatus!: string;
  sentAt!: string | null;
  deliveredAt!: string | null;
  openedAt!: string | null;
  clickedAt!: string | null;
  convertedAt!: string | null;
  revenue!: number;
}

export class CustomerEngagementDto {
  customerId!: string;
  items!: CustomerEngagementItemDto[];
}
