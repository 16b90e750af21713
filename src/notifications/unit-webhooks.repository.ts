import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UnitKind } from './unit-kind';
import { WebhookStatus } from './webhook-status';

export interface UnitWebhookRow {
  unitKind: UnitKind;
  unitId: string;
  url: string;
  secret: string | null;
  createdAt: Date;
  updatedAt: Date;
}

// One configured webhook with its unit's name and the unit's latest delivery (never the secret).
export interface UnitWebhookListRow {
  unitKind: UnitKind;
  unitId: string;
  unitName: string;
  county: string;
  url: string;
  hasSecret: boolean;
  updatedAt: Date;
  lastStatus: WebhookStatus | null;
  lastAttempts: number | null;
  lastError: string | null;
  lastNotifiedAt: Date | null;
  lastDeliveredAt: Date | null;
}

// A county has no table: it exists when a township or department of that county does.
const UNIT_EXISTS_SQL: Record<UnitKind, string> = {
  department: `SELECT 1 FROM departments WHERE id = $1::uuid`,
  township: `SELECT 1 FROM townships WHERE id = $1::uuid`,
  county: `SELECT 1 FROM townships WHERE county = $1 UNION ALL SELECT 1 FROM departments WHERE county = $1 LIMIT 1`,
};

@Injectable()
export class UnitWebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async unitExists(kind: UnitKind, id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(UNIT_EXISTS_SQL[kind], [id]);
    return rows.length > 0;
  }

  async find(kind: UnitKind, id: string): Promise<UnitWebhookRow | null> {
    const rows: UnitWebhookRow[] = await this.dataSource.query(
      `SELECT "unitKind", "unitId", url, secret, "createdAt", "updatedAt"
       FROM unit_webhooks WHERE "unitKind" = $1 AND "unitId" = $2`,
      [kind, id],
    );
    return rows[0] ?? null;
  }

  // The latest delivery per unit comes from IDX_notifications_unit_created (one index probe per unit).
  async listAll(): Promise<UnitWebhookListRow[]> {
    return this.dataSource.query(
      `SELECT w."unitKind", w."unitId", COALESCE(d.name, t.name, w."unitId") AS "unitName",
              COALESCE(d.county, t.county, w."unitId") AS county, w.url, w.secret IS NOT NULL AS "hasSecret",
              w."updatedAt", n."webhookStatus" AS "lastStatus", n."webhookAttempts" AS "lastAttempts",
              n."webhookLastError" AS "lastError", n."createdAt" AS "lastNotifiedAt",
              n."webhookDeliveredAt" AS "lastDeliveredAt"
       FROM unit_webhooks w
       LEFT JOIN departments d ON w."unitKind" = 'department' AND d.id::text = w."unitId"
       LEFT JOIN townships t ON w."unitKind" = 'township' AND t.id::text = w."unitId"
       LEFT JOIN LATERAL (
         SELECT "webhookStatus", "webhookAttempts", "webhookLastError", "createdAt", "webhookDeliveredAt"
         FROM notifications
         WHERE "unitKind" = w."unitKind" AND "unitId" = w."unitId" AND "webhookStatus" IS NOT NULL
         ORDER BY "createdAt" DESC LIMIT 1
       ) n ON true
       ORDER BY county, w."unitKind", "unitName"`,
    );
  }

  async upsert(kind: UnitKind, id: string, url: string, secret: string | null): Promise<UnitWebhookRow> {
    const rows: UnitWebhookRow[] = await this.dataSource.query(
      `INSERT INTO unit_webhooks ("unitKind", "unitId", url, secret) VALUES ($1, $2, $3, $4)
       ON CONFLICT ("unitKind", "unitId") DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, "updatedAt" = now()
       RETURNING "unitKind", "unitId", url, secret, "createdAt", "updatedAt"`,
      [kind, id, url, secret],
    );
    return rows[0];
  }

  async remove(kind: UnitKind, id: string): Promise<boolean> {
    // Wrapped in a CTE: TypeORM returns [rows, count] for a bare DELETE.
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      `WITH removed AS (DELETE FROM unit_webhooks WHERE "unitKind" = $1 AND "unitId" = $2 RETURNING 1)
       SELECT count(*)::int AS count FROM removed`,
      [kind, id],
    );
    return count > 0;
  }
}
