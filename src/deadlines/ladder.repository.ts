import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OPEN_STEP_STATUSES_SQL, StepStatus } from 'src/domain/step-status';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from 'src/database/update-returning';
import { StepLane } from 'src/domain/vocabulary';

export interface RungTarget {
  id: string;
  caseId: string;
  caseTitle: string;
  townshipId: string;
  county: string;
  lane: StepLane;
  text: string;
  assigneeDepartmentIds: string[];
  dueDate: string;
  dueAt: Date;
  escalationLevel: number;
}

export interface ClockRow {
  id: string;
  status: StepStatus;
  dueDate: string | null;
  dueAt: Date | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  overdueAt: Date | null;
  escalationLevel: number;
  nextEscalationAt: Date | null;
}

export interface RetimeRow {
  id: string;
  readyAt: Date;
  dueWorkingDays: number;
  dueDate: string;
}

const OPEN = `s.status IN (${OPEN_STEP_STATUSES_SQL})`;

// The SQL of the ladder. Every stamp is a conditional UPDATE that names the deadline it belongs to,
// so a rung happens at most once per deadline however many jobs, sweeps and workers race for it.
@Injectable()
export class LadderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async stampReminder(manager: EntityManager, stepId: string, dueAt: Date, now: Date): Promise<boolean> {
    const rows = await updateReturning<{ id: string }>(
      manager,
      `UPDATE case_steps s SET "remindedAt" = $3, revision = revision + 1
       WHERE s.id = $1 AND s."dueAt" = $2 AND ${OPEN} AND s."remindedAt" IS NULL AND s."remindAt" <= $3 RETURNING s.id`,
      [stepId, dueAt, now],
    );
    return rows.length > 0;
  }

  async stampOverdue(
    manager: EntityManager,
    stepId: string,
    dueAt: Date,
    now: Date,
    nextEscalationAt: Date,
  ): Promise<boolean> {
    const rows = await updateReturning<{ id: string }>(
      manager,
      `UPDATE case_steps s SET "overdueAt" = $3, "nextEscalationAt" = $4, revision = revision + 1
       WHERE s.id = $1 AND s."dueAt" = $2 AND ${OPEN} AND s."overdueAt" IS NULL AND s."dueAt" <= $3 RETURNING s.id`,
      [stepId, dueAt, now, nextEscalationAt],
    );
    return rows.length > 0;
  }

  async stampEscalation(
    manager: EntityManager,
    stepId: string,
    dueAt: Date,
    level: number,
    now: Date,
    nextEscalationAt: Date | null,
  ): Promise<boolean> {
    const rows = await updateReturning<{ id: string }>(
      manager,
      `UPDATE case_steps s SET "escalationLevel" = $3, "escalatedAt" = $4, "nextEscalationAt" = $5, revision = revision + 1
       WHERE s.id = $1 AND s."dueAt" = $2 AND ${OPEN} AND s."overdueAt" IS NOT NULL AND s."escalationLevel" < $3
       RETURNING s.id`,
      [stepId, dueAt, level, now, nextEscalationAt],
    );
    return rows.length > 0;
  }

  async findTarget(manager: EntityManager, stepId: string): Promise<RungTarget | null> {
    const rows: RungTarget[] = await manager.query(
      `SELECT s.id, s."caseId", c.title AS "caseTitle", c."townshipId", t.county, s.lane, s.text, s."assigneeDepartmentIds",
              to_char(s."dueDate", 'YYYY-MM-DD') AS "dueDate", s."dueAt", s."escalationLevel"
       FROM case_steps s JOIN cases c ON c.id = s."caseId" JOIN townships t ON t.id = c."townshipId"
       WHERE s.id = $1 AND ${OPEN} AND s."dueAt" IS NOT NULL`,
      [stepId],
    );
    return rows[0] ?? null;
  }

  findClocks(stepIds: string[]): Promise<ClockRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.status, to_char(s."dueDate", 'YYYY-MM-DD') AS "dueDate", s."dueAt", s."remindAt", s."remindedAt",
              s."overdueAt", s."escalationLevel", s."nextEscalationAt"
       FROM case_steps s WHERE s.id = ANY($1::uuid[])`,
      [stepIds],
    );
  }

  async retime(
    manager: EntityManager,
    stepId: string,
    dueDate: string,
    dueAt: Date,
    remindAt: Date | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE case_steps SET "dueDate" = $2, "dueAt" = $3, "remindAt" = $4, "remindedAt" = NULL, "overdueAt" = NULL,
         "escalationLevel" = 0, "escalatedAt" = NULL, "nextEscalationAt" = NULL, revision = revision + 1
       WHERE id = $1`,
      [stepId, dueDate, dueAt, remindAt],
    );
  }

  // Bounded, keyset-paged lists of what is due now; each uses a partial index on open steps.
  dueReminders(now: Date, after: string, limit: number): Promise<{ id: string; dueAt: Date }[]> {
    return this.dataSource.query(
      `SELECT s.id, s."dueAt" FROM case_steps s WHERE ${OPEN} AND s."remindedAt" IS NULL AND s."remindAt" <= $1 AND s.id > $2
       ORDER BY s.id LIMIT $3`,
      [now, after, limit],
    );
  }

  dueOverdue(now: Date, after: string, limit: number): Promise<{ id: string; dueAt: Date }[]> {
    return this.dataSource.query(
      `SELECT s.id, s."dueAt" FROM case_steps s WHERE ${OPEN} AND s."overdueAt" IS NULL AND s."dueAt" <= $1 AND s.id > $2
       ORDER BY s.id LIMIT $3`,
      [now, after, limit],
    );
  }

  dueEscalations(now: Date, after: string, limit: number): Promise<{ id: string; dueAt: Date }[]> {
    return this.dataSource.query(
      `SELECT s.id, s."dueAt" FROM case_steps s WHERE ${OPEN} AND s."nextEscalationAt" <= $1 AND s.id > $2
       ORDER BY s.id LIMIT $3`,
      [now, after, limit],
    );
  }

  openClocks(after: string, limit: number): Promise<RetimeRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s."readyAt", s."dueWorkingDays", to_char(s."dueDate", 'YYYY-MM-DD') AS "dueDate"
       FROM case_steps s WHERE ${OPEN} AND s.id > $1 ORDER BY s.id LIMIT $2`,
      [after, limit],
    );
  }

  // Overdue open steps per county and holder, for the daily digest.
  overdueCounts(now: Date): Promise<{ county: string; holder: string; overdue: number }[]> {
    return this.dataSource.query(
      `SELECT t.county, COALESCE(p.name, t.name) AS holder, count(*)::int AS overdue
       FROM case_steps s JOIN cases c ON c.id = s."caseId" JOIN townships t ON t.id = c."townshipId"
       LEFT JOIN LATERAL unnest(CASE WHEN s.lane = 'department' THEN s."assigneeDepartmentIds" END) AS a(id) ON true
       LEFT JOIN departments p ON p.id = a.id
       WHERE ${OPEN} AND s."dueAt" < $1 GROUP BY t.county, COALESCE(p.name, t.name) ORDER BY t.county, overdue DESC`,
      [now],
    );
  }

  // Whether any of these units has an active 负责人 (users."isLeader"): rung 1 reports to them.
  async hasLeader(manager: EntityManager, departmentIds: string[], townshipIds: string[]): Promise<boolean> {
    const rows: { found: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM users WHERE "isLeader" AND active
         AND ("departmentId" = ANY($1::uuid[]) OR "townshipId" = ANY($2::uuid[]))) AS found`,
      [departmentIds, townshipIds],
    );
    return rows[0]?.found === true;
  }
}
