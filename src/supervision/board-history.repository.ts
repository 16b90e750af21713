import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SupervisionFilter } from './supervision.repository';
import { UnitKind } from './supervision.constants';

// SQL of the board's history: the completed-steps roll-up (built by a job, exact through the live
// tail and the corrections table) and the daily open/overdue snapshots. See the migration
// SupervisionBoardHistory for why each table exists.

export interface RollupState {
  coveredBefore: Date;
  monthlyFrom: string;
  calendarFingerprint: string;
}

// Completed steps per unit, on time or late, by working days ready → completed.
export interface UnitCompletedCell {
  kind: UnitKind;
  unitId: string;
  onTime: boolean;
  workingDays: number | null;
  n: number;
}

// Completed steps (each counted once, or the filtered department's) per China month of completion.
export interface MonthCompletedCell {
  month: string; // YYYY-MM-01
  onTime: boolean;
  workingDays: number | null;
  n: number;
}

export interface SnapshotPoint {
  day: string;
  open: number;
  overdue: number;
}

export interface OrdinalTable {
  base: string;
  ordinals: number[];
}

// China date / month of an instant (China has no daylight saving).
const chinaDate = (column: string): string => `((${column} AT TIME ZONE 'UTC') + interval '8 hours')::date`;
const chinaMonth = (column: string): string => `date_trunc('month', ${chinaDate(column)})::date`;

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

// Filter of roll-up and snapshot rows (both hold township, category and unit; snapshots the duty too).
function historyWhere(filter: SupervisionFilter, params: Params, alias: string): string[] {
  const where: string[] = [];
  if (filter.county) {
    where.push(
      `${alias}."townshipId" IN (SELECT id FROM townships WHERE county = ${params.add(filter.county)})`,
    );
  }
  if (filter.townshipId) where.push(`${alias}."townshipId" = ${params.add(filter.townshipId)}`);
  if (filter.departmentId) {
    where.push(`${alias}.kind = 'department' AND ${alias}."unitId" = ${params.add(filter.departmentId)}`);
  }
  if (filter.category) where.push(`${alias}.category = ${params.add(filter.category)}`);
  return where;
}

// Live completed steps (the tail after the cut-off) and corrections, as rows shaped like the roll-up's
// source: one row per (step, unit) with its township, category, dates and deadline.
function unitRowsSql(
  source: 'tail' | 'corrections',
  filter: SupervisionFilter,
  params: Params,
  coveredBefore: Date,
): string {
  const from =
    source === 'tail'
      ? `FROM case_steps s JOIN cases c ON c.id = s."caseId" JOIN workflow_templates w ON w.id = c."templateId"
         JOIN duties d ON d.id = w."dutyId"`
      : `FROM supervision_rollup_corrections s`;
  const township = source === 'tail' ? 'c."townshipId"' : 's."townshipId"';
  const category = source === 'tail' ? 'd.category' : 's.category';
  const where: string[] = [];
  if (source === 'tail') {
    where.push(`s.status = 'completed'`);
    // The cut-off as a value (not a subquery): the planner then sees how few rows the tail holds.
    where.push(`s."completedAt" >= ${params.add(coveredBefore)}`);
  }
  if (filter.county) {
    where.push(`${township} IN (SELECT id FROM townships WHERE county = ${params.add(filter.county)})`);
  }
  if (filter.townshipId) where.push(`${township} = ${params.add(filter.townshipId)}`);
  if (filter.departmentId) {
    where.push(
      `s.lane = 'department' AND s."assigneeDepartmentIds" @> ARRAY[${params.add(filter.departmentId)}]::uuid[]`,
    );
  }
  if (filter.category) where.push(`${category} = ${params.add(filter.category)}`);
  return `SELECT s.lane AS kind, u.id AS "unitId", u.i = 1 AS "primaryUnit", s."readyAt", s."completedAt",
            (s."completedAt" <= s."dueAt") AS "onTime"
          ${from}
          CROSS JOIN LATERAL unnest(CASE WHEN s.lane = 'department' THEN s."assigneeDepartmentIds"
                                         ELSE ARRAY[${township}] END) WITH ORDINALITY AS u(id, i)
          ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`;
}

const ordinalOf = (column: string, base: string, ordinals: string): string =>
  `(${ordinals}::int[])[${chinaDate(column)} - ${base}::date + 1]`;

// Completed steps before $1 per (month, unit, township, category, on time, working days): $2/$3 are
// the working-day ordinal table (see workingDayOrdinals).
const CELLS_SQL = `
  SELECT ${chinaMonth('s."completedAt"')} AS "completedMonth", s.lane AS kind, u.id AS "unitId",
         u.i = 1 AS "primaryUnit", c."townshipId", d.category, (s."completedAt" <= s."dueAt") IS TRUE AS "onTime",
         ${ordinalOf('s."completedAt"', '$2', '$3')} - ${ordinalOf('s."readyAt"', '$2', '$3')} AS "workingDays",
         count(*)::int AS n
  FROM case_steps s JOIN cases c ON c.id = s."caseId" JOIN workflow_templates w ON w.id = c."templateId"
  JOIN duties d ON d.id = w."dutyId"
  CROSS JOIN LATERAL unnest(CASE WHEN s.lane = 'department' THEN s."assigneeDepartmentIds"
                                 ELSE ARRAY[c."townshipId"] END) WITH ORDINALITY AS u(id, i)
  WHERE s.status = 'completed' AND s."completedAt" < $1
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;

@Injectable()
export class BoardHistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rollupState(): Promise<RollupState | null> {
    const rows: RollupState[] = await this.dataSource.query(
      `SELECT "coveredBefore", to_char("monthlyFrom", 'YYYY-MM-DD') AS "monthlyFrom", "calendarFingerprint"
       FROM supervision_rollup_state WHERE id = 1`,
    );
    return rows[0] ?? null;
  }

  // Rebuilds the roll-ups for everything completed before `coveredBefore` (per month from
  // `monthlyFrom`). The table lock comes before the snapshot (LOCK takes none), so every correction
  // committed earlier is in the snapshot and deleted with it, and every later one waits for the commit
  // and is recorded against the new cut-off.
  async rebuildRollup(
    coveredBefore: Date,
    monthlyFrom: string,
    calendarFingerprint: string,
    table: OrdinalTable,
  ): Promise<number> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query(`LOCK TABLE supervision_rollup_state IN EXCLUSIVE MODE`);
      await manager.query(`CREATE TEMP TABLE completed_cells ON COMMIT DROP AS ${CELLS_SQL}`, [
        coveredBefore,
        table.base,
        table.ordinals,
      ]);
      // TRUNCATE, not DELETE: no dead rows for readers to skip (readers wait only for the inserts below).
      await manager.query(`TRUNCATE supervision_completed_rollup, supervision_completed_monthly`);
      await manager.query(
        `INSERT INTO supervision_completed_rollup
           (kind, "unitId", "primaryUnit", "townshipId", category, "onTime", "workingDays", n)
         SELECT kind, "unitId", "primaryUnit", "townshipId", category, "onTime", "workingDays", sum(n)
         FROM completed_cells GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      );
      await manager.query(
        `INSERT INTO supervision_completed_monthly
           ("completedMonth", kind, "unitId", "primaryUnit", "townshipId", category, "onTime", "workingDays", n)
         SELECT "completedMonth", kind, "unitId", "primaryUnit", "townshipId", category, "onTime", "workingDays", n
         FROM completed_cells WHERE "completedMonth" >= $1::date`,
        [monthlyFrom],
      );
      await manager.query(`DELETE FROM supervision_rollup_corrections`);
      await manager.query(
        `INSERT INTO supervision_rollup_state (id, "coveredBefore", "monthlyFrom", "calendarFingerprint", "builtAt")
         VALUES (1, $1, $2, $3, now())
         ON CONFLICT (id) DO UPDATE SET "coveredBefore" = $1, "monthlyFrom" = $2, "calendarFingerprint" = $3,
           "builtAt" = now()`,
        [coveredBefore, monthlyFrom, calendarFingerprint],
      );
      const [{ n }] = await manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM supervision_completed_rollup`,
      );
      return n;
    });
  }

  // Per-unit cells: roll-up + live tail − corrections (the caller checked the roll-up is current).
  async unitCells(
    filter: SupervisionFilter,
    table: OrdinalTable,
    state: RollupState,
  ): Promise<UnitCompletedCell[]> {
    const params = new Params();
    const base = params.add(table.base);
    const ordinals = params.add(table.ordinals);
    const days = (column: string): string => `${ordinalOf(`x."${column}"`, base, ordinals)}`;
    const rollupWhere = historyWhere(filter, params, 'r');
    const live = (source: 'tail' | 'corrections', sign: number): string =>
      `SELECT x.kind, x."unitId", x."onTime" IS TRUE AS "onTime",
              ${days('completedAt')} - ${days('readyAt')} AS "workingDays", ${sign} AS n
       FROM (${unitRowsSql(source, filter, params, state.coveredBefore)}) x`;
    return this.dataSource.query(
      `SELECT kind, "unitId", "onTime", "workingDays", sum(n)::int AS n FROM (
         SELECT r.kind, r."unitId", r."onTime", r."workingDays", r.n FROM supervision_completed_rollup r
         ${rollupWhere.length > 0 ? `WHERE ${rollupWhere.join(' AND ')}` : ''}
         UNION ALL ${live('tail', 1)}
         UNION ALL ${live('corrections', -1)}
       ) cells GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`,
      params.values,
    );
  }

  // Completions per month since `fromMonth`, each step once (its first unit), or the filtered
  // department's own.
  async monthCells(
    filter: SupervisionFilter,
    fromMonth: string,
    table: OrdinalTable,
    state: RollupState,
  ): Promise<MonthCompletedCell[]> {
    const params = new Params();
    const base = params.add(table.base);
    const ordinals = params.add(table.ordinals);
    const from = params.add(fromMonth);
    const days = (column: string): string => ordinalOf(`x."${column}"`, base, ordinals);
    const unitPick = (alias: string): string => (filter.departmentId ? 'TRUE' : `${alias}."primaryUnit"`);
    const rollupWhere = [
      ...historyWhere(filter, params, 'r'),
      `r."completedMonth" >= ${from}::date`,
      unitPick('r'),
    ];
    const live = (source: 'tail' | 'corrections', sign: number): string =>
      `SELECT ${chinaMonth('x."completedAt"')} AS month, x."onTime" IS TRUE AS "onTime",
              ${days('completedAt')} - ${days('readyAt')} AS "workingDays", ${sign} AS n
       FROM (${unitRowsSql(source, filter, params, state.coveredBefore)}) x
       WHERE x."completedAt" >= ${from}::date - interval '8 hours' AND ${unitPick('x')}
         ${filter.departmentId ? `AND x."unitId" = ${params.add(filter.departmentId)}` : ''}`;
    return this.dataSource.query(
      `SELECT to_char(month, 'YYYY-MM-DD') AS month, "onTime", "workingDays", sum(n)::int AS n FROM (
         SELECT r."completedMonth" AS month, r."onTime", r."workingDays", r.n FROM supervision_completed_monthly r
         WHERE ${rollupWhere.join(' AND ')}
         UNION ALL ${live('tail', 1)}
         UNION ALL ${live('corrections', -1)}
       ) cells GROUP BY 1, 2, 3 HAVING sum(n) <> 0`,
      params.values,
    );
  }

  // Today's open and overdue steps per (unit, township, duty), replacing any earlier run of the day.
  async writeSnapshot(day: string, now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM supervision_daily_snapshots WHERE day = $1`, [day]);
      await manager.query(
        `INSERT INTO supervision_daily_snapshots
           (day, kind, "unitId", "primaryUnit", "townshipId", "dutyId", category, open, overdue)
         SELECT $1::date, m.lane, u.id, u.i = 1, m."townshipId", m."dutyId", d.category, count(*),
                count(*) FILTER (WHERE m."dueAt" < $2)
         FROM supervision_open_steps m JOIN duties d ON d.id = m."dutyId"
         CROSS JOIN LATERAL unnest(CASE WHEN m.lane = 'department' THEN m."assigneeDepartmentIds"
                                        ELSE ARRAY[m."townshipId"] END) WITH ORDINALITY AS u(id, i)
         GROUP BY 1, 2, 3, 4, 5, 6, 7`,
        [day, now],
      );
      const [{ n }] = await manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM supervision_daily_snapshots WHERE day = $1`,
        [day],
      );
      return n;
    });
  }

  // Open and overdue steps on each given day (steps once each, or the filtered department's);
  // days without a snapshot are absent.
  snapshotPoints(filter: SupervisionFilter, days: readonly string[]): Promise<SnapshotPoint[]> {
    const params = new Params();
    const where = [`s.day = ANY(${params.add(days)}::date[])`, ...historyWhere(filter, params, 's')];
    if (!filter.departmentId) where.push('s."primaryUnit"');
    if (filter.dutyId) where.push(`s."dutyId" = ${params.add(filter.dutyId)}`);
    if (filter.templateId) {
      where.push(
        `s."dutyId" = (SELECT "dutyId" FROM workflow_templates WHERE id = ${params.add(filter.templateId)})`,
      );
    }
    return this.dataSource.query(
      `SELECT to_char(s.day, 'YYYY-MM-DD') AS day, sum(s.open)::int AS open, sum(s.overdue)::int AS overdue
       FROM supervision_daily_snapshots s WHERE ${where.join(' AND ')} GROUP BY s.day ORDER BY s.day`,
      params.values,
    );
  }
}
