import { Global, Module } from '@nestjs/common';
import { AppMetrics } from './app-metrics.service';
import { MetricsListener } from './metrics-listener.service';

/** Prometheus figures of the app (AppMetrics) and the loopback METRICS_PORT listener. */
@Global()
@Module({ providers: [AppMetrics, MetricsListener], exports: [AppMetrics, MetricsListener] })
export class MetricsModule {}
