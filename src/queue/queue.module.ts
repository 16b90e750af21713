import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfigService } from 'src/config/app-config.service';
import { queueRootOptions } from './queue-connection';
import { QueueName } from './queue.constants';
import { RedisOutageMonitor } from './redis-outage.monitor';

const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => queueRootOptions(config),
    }),
    ...queues,
    DiscoveryModule,
  ],
  providers: [RedisOutageMonitor],
  exports: queues,
})
export class QueueModule {}
