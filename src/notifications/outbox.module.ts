import { Global, Module } from '@nestjs/common';
import { StepClockSignal } from 'src/deadlines/step-clock-signal';
import { TemplateDurationsSignal } from 'src/templates/template-durations.signal';
import { OutboxDispatchTrigger } from './outbox-dispatch-trigger';
import { OutboxRepository } from './outbox.repository';

// What writers use inside and after their transactions, global so the engine need not know the
// notification pipeline or the deadline ladder: the outbox, and the post-commit signals.
@Global()
@Module({
  providers: [OutboxRepository, OutboxDispatchTrigger, StepClockSignal, TemplateDurationsSignal],
  exports: [OutboxRepository, OutboxDispatchTrigger, StepClockSignal, TemplateDurationsSignal],
})
export class OutboxModule {}
