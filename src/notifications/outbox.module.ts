import { Global, Module } from '@nestjs/common';
import { OutboxDispatchTrigger } from './outbox-dispatch-trigger';
import { OutboxRepository } from './outbox.repository';

// The engine's end of the outbox, global so writers need not know about the notifications pipeline.
@Global()
@Module({ providers: [OutboxRepository, OutboxDispatchTrigger], exports: [OutboxRepository, OutboxDispatchTrigger] })
export class OutboxModule {}
