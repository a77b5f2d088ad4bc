export * from './lib/campaigns.routes';
export * from './lib/data/campaigns-api.service';
export * from './lib/data/campaign-stats-stream.service';
export * from './lib/shared/status-chip.component';
export * from './lib/shared/campaign-status.util';
export * from './lib/shared/campaign-stats.util';
export * from './lib/sending-window/sending-hours-section.component';
