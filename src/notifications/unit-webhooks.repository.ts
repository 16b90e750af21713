import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UnitKind } from './unit-kind';

export interface UnitWebhookRow {
  unitKind: UnitKind;
  unitId: string;
  url: string;
  secret: string | null;
  createdAt: Date;
  updatedAt: Date;
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
