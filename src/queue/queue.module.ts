import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfigService } from 'src/config/app-config.service';
import { queueRootOptions } from './queue-connection';
import { QueueName } from './queue.constants';

const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => queueRootOptions(config),
    }),
    ...queues,
  ],
  exports: queues,
})
export class QueueModule {}
