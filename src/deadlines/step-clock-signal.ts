import { Injectable, Logger } from '@nestjs/common';

// Raised after a commit that started, moved or stopped step deadlines. The deadlines module binds it
// to its job scheduler; the engine raises it without depending on the ladder (no module cycle).
@Injectable()
export class StepClockSignal {
  private readonly logger = new Logger(StepClockSignal.name);
  private handler: (stepIds: string[]) => Promise<void> = () => Promise.resolve();

  bind(handler: (stepIds: string[]) => Promise<void>): void {
    this.handler = handler;
  }

  raise(stepIds: Iterable<string>): void {
    const ids = [...stepIds];
    if (ids.length === 0) return;
    this.handler(ids).catch((error: unknown) =>
      this.logger.warn(`ladder scheduling failed: ${String(error)}`),
    );
  }
}
