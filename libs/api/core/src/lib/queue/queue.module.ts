import { Global, Module } from '@nestjs/common';
import { Queues } from './queues.service';

/** BullMQ queues and workers of the app (see Queues). */
@Global()
@Module({ providers: [Queues], exports: [Queues] })
export class QueueModule {}
