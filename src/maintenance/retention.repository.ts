import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type RetainedTable =
  'idempotency_keys' | 'outbox_events' | 'notifications' | 'login_throttles' | 'sessions';

// One bounded DELETE per call, oldest rows first; returns how many rows went.
const PURGE_SQL: Record<RetainedTable, string> = {
  // Answered keys and abandoned claims alike: a retry that late is a new request.
  idempotency_keys: `DELETE FROM idempotency_keys WHERE ctid = ANY(ARRAY(
      SELECT ctid FROM idempotency_keys WHERE "createdAt" < $1 LIMIT $2))`,
  // Dispatched events that no notification refers to any more (the FK cascades, so an event with
  // notifications stays until they go).
  outbox_events: `DELETE FROM outbox_events WHERE id = ANY(ARRAY(
      SELECT o.id FROM outbox_events o
      WHERE o."dispatchedAt" < $1
        AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n."outboxId" = o.id)
      LIMIT $2))`,
  // Read notifications; unread ones stay until someone reads them.
  notifications: `DELETE FROM notifications WHERE id = ANY(ARRAY(
      SELECT id FROM notifications WHERE "readAt" < $1 LIMIT $2))`,
  // Failed-login counters whose window is over: the next failure would start a fresh window anyway.
  login_throttles: `DELETE FROM login_throttles WHERE key = ANY(ARRAY(
      SELECT key FROM login_throttles WHERE "windowStartedAt" < $1 LIMIT $2))`,
  // Browser sessions idle past the limit can never be used again (signed out ones included: their
  // last activity is before the sign-out).
  sessions: `DELETE FROM sessions WHERE id = ANY(ARRAY(
      SELECT id FROM sessions WHERE "lastSeenAt" < $1 LIMIT $2))`,
};

@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async purgeBatch(table: RetainedTable, olderThan: Date, limit: number): Promise<number> {
    const [, affected] = await this.dataSource.query<[unknown[], number]>(PURGE_SQL[table], [
      olderThan,
      limit,
    ]);
    return affected;
  }
}
