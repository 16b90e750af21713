import { Module } from '@nestjs/common';
import { SecretBox } from 'src/common/crypto/secret-box';
import { AppConfigService } from 'src/config/app-config.service';
import { WebhookHttpClient } from './webhook-http-client';
import { WebhookTargetPolicy } from './webhook-target';
import { DEFAULT_WEBHOOK_JOB_OPTIONS, WEBHOOK_JOB_OPTIONS } from './notifications.constants';
import { NotificationsController } from './notifications.controller';
import { NotificationsProcessor } from './notifications.processor';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsScheduler } from './notifications.scheduler';
import { NotificationsService } from './notifications.service';
import { OutboxDispatchRepository } from './outbox-dispatch.repository';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { UnitWebhooksRepository } from './unit-webhooks.repository';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookListController } from './webhook-list.controller';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

// API and worker: the inbox, webhook settings and the outbox dispatcher. Writers only know the outbox
// table (OutboxModule) and the 'outbox.written' domain event, which the dispatcher subscribes to at
// start; so every process that writes outbox rows imports this module too.
@Module({
  controllers: [NotificationsController, WebhookListController, WebhooksController],
  providers: [
    NotificationsRepository,
    NotificationsService,
    OutboxDispatchRepository,
    OutboxDispatcher,
    UnitWebhooksRepository,
    WebhookDeliveryService,
    WebhookHttpClient,
    WebhooksService,
    { provide: WEBHOOK_JOB_OPTIONS, useValue: DEFAULT_WEBHOOK_JOB_OPTIONS },
    SecretBox,
    {
      provide: WebhookTargetPolicy,
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => new WebhookTargetPolicy(config.webhooks.allowedNetworks),
    },
  ],
  exports: [OutboxDispatcher, NotificationsService, WebhookDeliveryService],
})
export class NotificationsModule {}

// Worker only: the processor of the notifications queue and the outbox sweep's scheduler.
@Module({
  imports: [NotificationsModule],
  providers: [NotificationsProcessor, NotificationsScheduler],
})
export class NotificationsWorkerModule {}
