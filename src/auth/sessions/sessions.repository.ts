import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface LiveSession {
  userId: string;
  csrfToken: string;
}

export interface UserDescription {
  displayName: string;
  unitName: string | null;
  isLeader: boolean;
}

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(row: { tokenHash: string; userId: string; csrfToken: string; now: Date }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sessions ("tokenHash", "userId", "csrfToken", "createdAt", "lastSeenAt")
       VALUES ($1, $2, $3, $4, $4)`,
      [row.tokenHash, row.userId, row.csrfToken, row.now],
    );
  }

  // The live session for this token (not ended, active since idleSince, started after startedSince),
  // marking it seen now when the last mark is older than touchBefore: one statement, no race.
  async findLiveAndTouch(
    tokenHash: string,
    times: { now: Date; idleSince: Date; startedSince: Date; touchBefore: Date },
  ): Promise<LiveSession | null> {
    const rows: LiveSession[] = await this.dataSource.query(
      `WITH live AS (
         SELECT id, "userId", "csrfToken", "lastSeenAt" FROM sessions
         WHERE "tokenHash" = $1 AND "endedAt" IS NULL AND "lastSeenAt" > $3 AND "createdAt" > $4
       ), touched AS (
         UPDATE sessions s SET "lastSeenAt" = $2 FROM live
         WHERE s.id = live.id AND live."lastSeenAt" < $5
       )
       SELECT "userId", "csrfToken" FROM live`,
      [tokenHash, times.now, times.idleSince, times.startedSince, times.touchBefore],
    );
    return rows[0] ?? null;
  }

  // What the top bar shows: the person's name and their unit (department, township or county), and
  // whether they are its 负责人 (the app shows a department's 负责人 the 督办看板).
  async describeUser(userId: string): Promise<UserDescription> {
    const rows: UserDescription[] = await this.dataSource.query(
      `SELECT u."displayName", COALESCE(d.name, t.name, u.county) AS "unitName", u."isLeader"
       FROM users u
       LEFT JOIN departments d ON d.id = u."departmentId"
       LEFT JOIN townships t ON t.id = u."townshipId"
       WHERE u.id = $1`,
      [userId],
    );
    return rows[0] ?? { displayName: '', unitName: null, isLeader: false };
  }

  async end(tokenHash: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE sessions SET "endedAt" = $2 WHERE "tokenHash" = $1 AND "endedAt" IS NULL`,
      [tokenHash, now],
    );
  }
}
