import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxEventType, StepOutboxPayload } from './outbox-event';

export interface OutboxRow {
  id: string;
  type: OutboxEventType;
  payload: StepOutboxPayload;
  createdAt: Date;
  dispatchedAt: Date | null;
}

// The pipeline's side of outbox_events (the engine's side, adding rows, is OutboxRepository).
@Injectable()
export class OutboxDispatchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // Oldest undispatched rows.
  async findUndispatched(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM outbox_events WHERE "dispatchedAt" IS NULL ORDER BY "createdAt", id LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  async markDispatched(ids: string[], at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_events SET "dispatchedAt" = $2 WHERE id = ANY($1::uuid[]) AND "dispatchedAt" IS NULL`,
      [ids, at],
    );
  }

  // Dispatched inside the window, addressed to someone, yet without any notification row.
  async findLost(from: Date, to: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT o.id FROM outbox_events o
       WHERE o."dispatchedAt" >= $1 AND o."dispatchedAt" < $2 AND jsonb_array_length(o.payload->'units') > 0
         AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n."outboxId" = o.id)
       ORDER BY o."dispatchedAt" LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((row) => row.id);
  }

  async findById(id: string): Promise<OutboxRow | null> {
    const rows: OutboxRow[] = await this.dataSource.query(
      `SELECT id, type, payload, "createdAt", "dispatchedAt" FROM outbox_events WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
