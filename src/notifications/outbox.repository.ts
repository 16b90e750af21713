import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEventInput } from './outbox-event';

// The engine's side of the outbox: add rows inside the caller's transaction.
@Injectable()
export class OutboxRepository {
  async add(manager: EntityManager, events: OutboxEventInput[]): Promise<string[]> {
    if (events.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO outbox_events (type, payload)
       SELECT e.type, e.payload FROM jsonb_to_recordset($1::jsonb) AS e(type varchar, payload jsonb)
       RETURNING id`,
      [JSON.stringify(events)],
    );
    return rows.map((row) => row.id);
  }
}
