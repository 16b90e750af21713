import { Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';

// What writers (the engine, the deadline ladder) use inside their transactions: the outbox table.
// After commit they publish 'outbox.written' on the domain-event port; the dispatcher listens.
@Module({
  providers: [OutboxRepository],
  exports: [OutboxRepository],
})
export class OutboxModule {}
