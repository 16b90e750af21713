import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotificationEntity } from './notification.entity';
import { NotificationText } from './notification-text';
import { OutboxRow } from './outbox-dispatch.repository';
import { UnitRef } from 'src/domain/vocabulary';
import { WebhookDeliverySource } from './webhook-payload';
import { WebhookStatus } from './webhook-status';

export type NotificationView = Omit<NotificationEntity, 'outbox'>;

export interface UnitInboxFilter {
  unread?: boolean;
  limit: number;
  offset: number;
}

export interface WebhookDeliveryRow extends WebhookDeliverySource {
  webhookStatus: WebhookStatus | null;
  url: string | null;
  secret: string | null;
}

const VIEW_COLUMNS = `id, "outboxId", "unitKind", "unitId", type, "caseId", "stepId", title, body, "createdAt",
  "readAt", "webhookStatus", "webhookAttempts", "webhookLastError", "webhookDeliveredAt"`;

@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // One row per distinct unit; a unit with a webhook starts 'pending'. Existing rows are left alone,
  // so running this twice for one event writes nothing the second time. Returns how many are new.
  async insertForUnits(outbox: OutboxRow, units: UnitRef[], text: NotificationText): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH units AS (
         SELECT DISTINCT u.kind, u.id FROM jsonb_to_recordset($2::jsonb) AS u(kind varchar, id varchar)
       )
       INSERT INTO notifications
         ("outboxId", "unitKind", "unitId", type, "caseId", "stepId", title, body, "webhookStatus")
       SELECT $1, units.kind, units.id, $3, $4, $5, $6, $7,
              CASE WHEN w."unitId" IS NULL THEN NULL ELSE $8 END
       FROM units LEFT JOIN unit_webhooks w ON w."unitKind" = units.kind AND w."unitId" = units.id
       ON CONFLICT ON CONSTRAINT "UQ_notifications_outbox_unit" DO NOTHING
       RETURNING id`,
      [
        outbox.id,
        JSON.stringify(units),
        outbox.type,
        outbox.payload.caseId,
        outbox.payload.stepId,
        text.title,
        text.body,
        WebhookStatus.Pending,
      ],
    );
    return rows.length;
  }

  async findPendingWebhookIds(outboxId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM notifications WHERE "outboxId" = $1 AND "webhookStatus" = $2 ORDER BY id`,
      [outboxId, WebhookStatus.Pending],
    );
    return rows.map((row) => row.id);
  }

  async listForUnit(unit: UnitRef, filter: UnitInboxFilter): Promise<NotificationView[]> {
    return this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM notifications
       WHERE "unitKind" = $1 AND "unitId" = $2 AND ($3::boolean IS NULL OR ("readAt" IS NULL) = $3)
       ORDER BY "createdAt" DESC, id DESC LIMIT $4 OFFSET $5`,
      [unit.kind, unit.id, filter.unread ?? null, filter.limit, filter.offset],
    );
  }

  async countForUnit(unit: UnitRef, unread?: boolean): Promise<number> {
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notifications
       WHERE "unitKind" = $1 AND "unitId" = $2 AND ($3::boolean IS NULL OR ("readAt" IS NULL) = $3)`,
      [unit.kind, unit.id, unread ?? null],
    );
    return count;
  }

  // Only the unit's own notification; the first read time is kept. (In a CTE: TypeORM answers a bare
  // UPDATE … RETURNING with [rows, count].)
  async markRead(id: string, unit: UnitRef, at: Date): Promise<NotificationView | null> {
    const rows: NotificationView[] = await this.dataSource.query(
      `WITH updated AS (
         UPDATE notifications SET "readAt" = COALESCE("readAt", $4)
         WHERE id = $1 AND "unitKind" = $2 AND "unitId" = $3 RETURNING *
       ) SELECT ${VIEW_COLUMNS} FROM updated`,
      [id, unit.kind, unit.id, at],
    );
    return rows[0] ?? null;
  }

  // Everything one webhook POST needs, with the unit's current webhook (null when it was removed).
  async findDeliverySource(id: string): Promise<WebhookDeliveryRow | null> {
    const rows: WebhookDeliveryRow[] = await this.dataSource.query(
      `SELECT n.id AS "notificationId", n.type, n."caseId", n."stepId", n.title, n.body, n."webhookStatus",
              COALESCE(o.payload->'units', '[]'::jsonb) AS units, o.payload->>'dueDate' AS "dueDate",
              o."createdAt" AS "occurredAt", w.url, w.secret
       FROM notifications n JOIN outbox_events o ON o.id = n."outboxId"
       LEFT JOIN unit_webhooks w ON w."unitKind" = n."unitKind" AND w."unitId" = n."unitId"
       WHERE n.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async recordWebhookDelivered(id: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET "webhookStatus" = $2, "webhookAttempts" = "webhookAttempts" + 1,
         "webhookLastError" = NULL, "webhookDeliveredAt" = $3
       WHERE id = $1`,
      [id, WebhookStatus.Delivered, at],
    );
  }

  // One failed POST. `status` stays 'pending' while BullMQ will retry, 'failed' after the last attempt.
  async recordWebhookFailure(id: string, error: string, status: WebhookStatus): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET "webhookStatus" = $3, "webhookAttempts" = "webhookAttempts" + 1,
         "webhookLastError" = $2
       WHERE id = $1`,
      [id, error, status],
    );
  }

  // Terminal without a POST (the webhook was removed before delivery): the attempt count is unchanged.
  async markWebhookFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET "webhookStatus" = $2, "webhookLastError" = $3 WHERE id = $1`,
      [id, WebhookStatus.Failed, error],
    );
  }
}
