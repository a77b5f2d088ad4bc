import { CampaignLifecycleEvents } from './campaign-lifecycle-events.service';
import { Module } from '@nestjs/common';
import { ConsentModule, CustomersModule } from '@mini-crm/api/customers';
import { PrivacyController } from './privacy/privacy.controller';
import { PrivacyRepository } from './privacy/privacy.repository';
import { PrivacyService } from './privacy/privacy.service';
import { SegmentsModule } from '@mini-crm/api/segments';
import { CampaignsController } from './campaigns.controller';
import { CampaignEngagementController } from './engagement/campaign-engagement.controller';
import { CampaignEngagementRepository } from './engagement/campaign-engagement.repository';
import { ClickersSegmentService } from './engagement/clickers-segment.service';
import { CustomerEngagementService } from './engagement/customer-engagement.service';
import { RecipientsExportService } from './engagement/recipients-export.service';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { CampaignPreviewRepository } from './campaign-preview.repository';
import { CampaignPreviewService } from './campaign-preview.service';
import { CampaignLinksRepository } from './links/campaign-links.repository';
import { TrackingCodesService } from './links/tracking-codes.service';
import { MessageLogRepository } from './messages/message-log.repository';
import { MessageLogService } from './messages/message-log.service';
import { MessagesRepository } from './messages/messages.repository';
import { ReceiptsRepository } from './messages/receipts.repository';
import { MessageClaimsRepository } from './messages/message-claims.repository';
import { SnapshotSuppressionService } from './messages/snapshot-suppression.service';
import { CampaignRollupRepository } from './stats/campaign-rollup.repository';
import { CampaignStatsService } from './stats/campaign-stats.service';
import { CampaignStatsFeed } from './stats/campaign-stats-feed.service';
import { CampaignRendererService } from './template/campaign-renderer.service';
import { CampaignCopyService } from './retry/campaign-copy.service';
import { RetryAudienceRepository } from './retry/retry-audience.repository';
import { ExperimentsRepository } from './experiments/experiments.repository';
import { ExperimentsService } from './experiments/experiments.service';
import { ExperimentsController } from './experiments/experiments.controller';
import { EventPartitionsCron } from './event-partitions/event-partitions.cron';
import { EventPartitionsRepository } from './event-partitions/event-partitions.repository';

/**
 * Campaigns: CRUD, lifecycle, audience snapshot, personalization, stats, consent pages. Sending is
 * delivery's job, reached through the CAMPAIGN_DISPATCHER port that DeliveryModule provides.
 */
@Module({
  imports: [SegmentsModule, ConsentModule, CustomersModule],
  controllers: [CampaignsController, CampaignEngagementController, PrivacyController, ExperimentsController],
  providers: [
    PrivacyRepository,
    PrivacyService,
    CampaignEngagementRepository,
    ClickersSegmentService,
    CustomerEngagementService,
    RecipientsExportService,
    CampaignsRepository,
    CampaignsService,
    CampaignLifecycleEvents,
    CampaignPreviewRepository,
    CampaignPreviewService,
    CampaignStatsService,
    CampaignStatsFeed,
    CampaignRollupRepository,
    CampaignRendererService,
    MessageLogRepository,
    MessageLogService,
    MessagesRepository,
    ReceiptsRepository,
    MessageClaimsRepository,
    SnapshotSuppressionService,
    CampaignLinksRepository,
    TrackingCodesService,
    CampaignCopyService,
    RetryAudienceRepository,
    ExperimentsRepository,
    ExperimentsService,
    EventPartitionsRepository,
    EventPartitionsCron,
  ],
  exports: [
    CampaignsService,
    CampaignPreviewService,
    CampaignLifecycleEvents,
    CampaignsRepository,
    CampaignStatsService,
    CampaignStatsFeed,
    CampaignRollupRepository,
    CampaignRendererService,
    MessagesRepository,
    ReceiptsRepository,
    MessageClaimsRepository,
    CampaignLinksRepository,
    TrackingCodesService,
    ExperimentsService,
  ],
})
export class CampaignsModule {}
