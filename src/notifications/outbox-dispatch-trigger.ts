import { Injectable } from '@nestjs/common';

// What the engine calls after its commit to get new outbox rows moving at once. The notifications
// module binds it to its dispatcher; the scheduled sweep covers a kick that never happens.
@Injectable()
export class OutboxDispatchTrigger {
  private handler: () => void = () => undefined;

  bind(handler: () => void): void {
    this.handler = handler;
  }

  kick(): void {
    this.handler();
  }
}
