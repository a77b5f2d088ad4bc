import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DbHandle, migrateDatabase, openDatabase } from '@mini-crm/db';
import { join } from 'node:path';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';

export const DB_HANDLE = Symbol('DB_HANDLE');
/** Inject the drizzle database: `@Inject(DB) db: Database`. */
export const DB = Symbol('DB');

@Injectable()
class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(DB_HANDLE) private readonly handle: DbHandle) {}
  async onApplicationShutdown() {
    await this.handle.close();
  }
}

/** Opens PGlite ($DATA_DIR/pg) or the server (DATABASE_URL) and applies migrations before anything else runs. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(existing?: DbHandle) {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DB_HANDLE,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => {
            if (existing) return existing;
            const log = new Logger('Database');
            const handle = await openDatabase({
              url: config.databaseUrl,
              dataDir: join(config.dataDir, 'pg'),
              poolSize: config.dbPoolSize,
              statementTimeoutMs: config.statementTimeoutMs,
            });
            await migrateDatabase(handle);
            log.log(
              `connected (${handle.driver === 'pg' ? 'PostgreSQL server' : `PGlite in ${join(config.dataDir, 'pg')}`}), migrations applied`,
            );
            return handle;
          },
        },
        { provide: DB, inject: [DB_HANDLE], useFactory: (h: DbHandle) => h.db },
        ...(existing ? [] : [DatabaseCloser]),
      ],
      exports: [DB_HANDLE, DB],
    };
  }
}
