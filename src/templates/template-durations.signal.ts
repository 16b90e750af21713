import { Injectable } from '@nestjs/common';

export interface TemplateDurationsChange {
  dutyId: string;
  version: number;
  actorId: string;
  durations: { position: number; dueWorkingDays: number }[];
}

// Raised after a template version is saved with "re-time open cases": the cases module (which owns
// case steps) applies the new durations. A signal, because cases depend on templates, not the reverse.
@Injectable()
export class TemplateDurationsSignal {
  private handler: (change: TemplateDurationsChange) => Promise<number> = () => Promise.resolve(0);

  bind(handler: (change: TemplateDurationsChange) => Promise<number>): void {
    this.handler = handler;
  }

  // Resolves to the number of steps whose duration changed.
  raise(change: TemplateDurationsChange): Promise<number> {
    return this.handler(change);
  }
}
