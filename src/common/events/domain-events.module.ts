import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events';

// Infrastructure like the clock: global, so publishers and handlers share one instance per process.
@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
