import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { appKeyPrefix, createRedis } from './redis-client';

/** Shared ioredis client (a Cluster client on a cluster) for caches, streams, locks and health (BullMQ makes its own connections). */
export const REDIS = Symbol('REDIS');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const client = createRedis(config, {
          keyPrefix: appKeyPrefix(config),
          maxRetriesPerRequest: 3,
          lazyConnect: false,
        });
        // Without a listener ioredis prints every reconnect failure to stderr; log it, at most every 5 s.
        const log = new Logger('Redis');
        let lastLogged = 0;
        client.on('error', (e: Error) => {
          if (Date.now() - lastLogged < 5000) return;
          lastLogged = Date.now();
          log.warn(`redis: ${e.message}`);
        });
        return client;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
