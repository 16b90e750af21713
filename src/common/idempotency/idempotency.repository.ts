import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StoredResponse {
  route: string;
  requestHash: string;
  responseStatus: number | null;
  responseBody: unknown;
}

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // True when this call claimed the key; false when someone already has it.
  async claim(userId: string, key: string, route: string, requestHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys ("userId", key, route, "requestHash") VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING key`,
      [userId, key, route, requestHash],
    );
    return rows.length > 0;
  }

  async find(userId: string, key: string): Promise<StoredResponse | null> {
    const rows: StoredResponse[] = await this.dataSource.query(
      `SELECT route, "requestHash", "responseStatus", "responseBody" FROM idempotency_keys WHERE "userId" = $1 AND key = $2`,
      [userId, key],
    );
    return rows[0] ?? null;
  }

  async saveResponse(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET "responseStatus" = $3, "responseBody" = $4::jsonb WHERE "userId" = $1 AND key = $2`,
      [userId, key, status, JSON.stringify(body ?? null)],
    );
  }

  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE "userId" = $1 AND key = $2`, [
      userId,
      key,
    ]);
  }
}
