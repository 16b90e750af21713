import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

// Longer than any request takes; short enough that a client retrying after a crash is not stuck.
export const IDEMPOTENCY_CLAIM_TTL_SECONDS = 60;

export interface StoredResponse {
  route: string;
  requestHash: string;
  responseStatus: number | null;
  responseBody: unknown;
  committedResults: unknown[] | null;
}

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // True when this call claimed the key; false when someone already has it. A claim still without an
  // answer after IDEMPOTENCY_CLAIM_TTL_SECONDS was abandoned (the process died, or the database went
  // away before the answer or the release could be written): it is taken over instead of answering
  // 409 forever — unless its work committed (committedResults): that is replayed, never redone.
  async claim(userId: string, key: string, route: string, requestHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys ("userId", key, route, "requestHash") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("userId", key) DO UPDATE
         SET route = EXCLUDED.route, "requestHash" = EXCLUDED."requestHash", "createdAt" = now()
         WHERE idempotency_keys."responseStatus" IS NULL
           AND idempotency_keys."committedResults" IS NULL
           AND idempotency_keys."requestHash" = EXCLUDED."requestHash"
           AND idempotency_keys."createdAt" < now() - make_interval(secs => $5)
       RETURNING key`,
      [userId, key, route, requestHash, IDEMPOTENCY_CLAIM_TTL_SECONDS],
    );
    return rows.length > 0;
  }

  async find(userId: string, key: string): Promise<StoredResponse | null> {
    const rows: StoredResponse[] = await this.dataSource.query(
      `SELECT route, "requestHash", "responseStatus", "responseBody", "committedResults" FROM idempotency_keys WHERE "userId" = $1 AND key = $2`,
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

  // Frees the key for a retry, unless the work committed before the failure (then a retry replays it).
  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE "userId" = $1 AND key = $2 AND "committedResults" IS NULL`,
      [userId, key],
    );
  }
}
