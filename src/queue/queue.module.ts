import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfigService } from 'src/config/app-config.service';
import { JOB_ATTEMPTS, JOB_BACKOFF, JOB_RETENTION, QueueName } from './queue.constants';
import { bullConnectionOptions } from './redis-connection';

const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => ({
        connection: bullConnectionOptions(config.redis.target),
        prefix: config.redis.prefix,
        defaultJobOptions: { attempts: JOB_ATTEMPTS, backoff: JOB_BACKOFF, ...JOB_RETENTION },
      }),
    }),
    ...queues,
  ],
  exports: queues,
})
export class QueueModule {}
