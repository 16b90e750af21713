import { Injectable, Logger } from '@nestjs/common';

// What one write to the calendar changed; listeners use it to recompute open deadlines.
export interface CalendarChange {
  year: number;
  // [year] when a working day changed or the year became covered; [] for a names-only edit.
  changedYears: number[];
  // Dates whose working-day status flipped; only deadlines spanning one of them can move.
  changedDates: string[];
  // The year had no notice before: results computed for it used the weekend rule (beyondCoveredYears).
  newlyCovered: boolean;
}

// A template version saved with "re-time open cases"; its durations are read by the job.
export interface TemplateDurationsChange {
  templateId: string;
  actorId: string;
}

// Everything a feature announces after its transaction committed, by name → payload. A reader greps
// this map to find every after-commit reaction; publishers never know who listens.
export interface DomainEventMap {
  // New outbox rows were committed: the notification dispatcher moves them into the queue now.
  'outbox.written': Record<string, never>;
  // Step deadlines started, moved or stopped: their reminder/overdue/escalation jobs are (re)scheduled.
  'step.clocks-changed': { stepIds: string[] };
  // A template version was saved with "re-time open cases": the engine re-times them in a job.
  'template.durations-changed': TemplateDurationsChange;
  // Some working day changed (or a year became covered): open deadlines are re-timed in a job.
  'calendar.changed': CalendarChange;
}

export type DomainEventName = keyof DomainEventMap;
type Handler<K extends DomainEventName> = (payload: DomainEventMap[K]) => Promise<void> | void;

// The one after-commit port: any number of handlers per event, each run on its own. A failing handler
// is logged, never thrown: the publisher's write is already committed, and every reaction has a
// reconciling sweep or job behind it.
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly handlers = new Map<DomainEventName, Set<Handler<never>>>();

  // Returns an unsubscribe function.
  on<K extends DomainEventName>(name: K, handler: Handler<K>): () => void {
    const set = this.handlers.get(name) ?? new Set();
    set.add(handler);
    this.handlers.set(name, set);
    return () => set.delete(handler);
  }

  async publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void> {
    const handlers = [...(this.handlers.get(name) ?? [])] as Handler<K>[];
    await Promise.all(
      handlers.map(async (handler) => {
        try {
          await handler(payload);
        } catch (error) {
          this.logger.error(`${name}: a handler failed: ${String(error)}`);
        }
      }),
    );
  }
}
