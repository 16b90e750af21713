import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadReplica } from 'src/database/read-replica';
import { StepLane } from 'src/domain/vocabulary';
import { StepStatus } from 'src/domain/step-status';
import { OverdueSort, SortOrder, TrafficLightFilter, UnitKind } from './supervision.constants';

// Filters after the service applied the caller's scope and translated working days into dates.
export interface SupervisionFilter {
  county?: string;
  townshipId?: string;
  departmentId?: string;
  category?: string;
  templateId?: string; // any version of that template's duty
  dutyId?: string;
  maxDueDate?: string; // minDaysOverdue as a due-date threshold
  light?: TrafficLightFilter; // open-step list: which lights (default red: overdue only)
  yellowUntil?: string; // the last due date that is yellow (today + YELLOW_WORKING_DAYS working days)
  readyFrom?: Date; // readyAt >= readyFrom
  readyBefore?: Date; // readyAt < readyBefore
}

export interface OverduePageQuery {
  now: Date;
  sort: OverdueSort;
  order: SortOrder;
  limit: number;
  offset: number;
}

export interface OverdueStepRow {
  stepId: string;
  caseId: string;
  caseTitle: string;
  caseSubject: string;
  caseApplicantIdNumber: string | null;
  townshipId: string;
  townshipName: string;
  county: string;
  dutyId: string;
  dutyName: string;
  dutyCategory: string;
  templateId: string;
  templateVersion: number;
  position: number;
  lane: StepLane;
  section: string | null;
  text: string;
  status: StepStatus;
  assigneeDepartmentIds: string[];
  departmentNames: string[];
  readyAt: Date | null;
  dueDate: string;
  dueAt: Date;
  escalationLevel: number;
}

// One aggregate cell: steps of one unit with the same (dueDate, overdue) or (onTime, workingDays).
export interface OpenStatsCell {
  kind: UnitKind;
  unitId: string;
  dueDate: string;
  overdue: boolean;
  n: number;
}

export interface UnitReturnsCell {
  kind: UnitKind;
  unitId: string;
  returns: number;
  returnedSteps: number;
}

export interface ReturnedStepRow {
  stepId: string;
  caseId: string;
  caseTitle: string;
  text: string;
  lane: string;
  status: string;
  returnCount: number;
}

export interface CompletedStatsCell {
  kind: UnitKind;
  unitId: string;
  onTime: boolean;
  workingDays: number | null; // null when readyAt or completedAt lies outside the ordinal table
  n: number;
}

// Column expressions of one source: the open-step mirror (m) or case_steps joined to its case (s, c, w).
interface Columns {
  townshipId: string;
  dutyId: string;
  lane: string;
  assignees: string;
  readyAt: string;
}

const MIRROR: Columns = {
  townshipId: 'm."townshipId"',
  dutyId: 'm."dutyId"',
  lane: 'm.lane',
  assignees: 'm."assigneeDepartmentIds"',
  readyAt: 'm."readyAt"',
};

const STEPS: Columns = {
  townshipId: 'c."townshipId"',
  dutyId: 'w."dutyId"',
  lane: 's.lane',
  assignees: 's."assigneeDepartmentIds"',
  readyAt: 's."readyAt"',
};

// A unit per row: each assigned department for the department lane, the case's township otherwise.
const unitsOf = (cols: Columns): string =>
  `unnest(CASE WHEN ${cols.lane} = 'department' THEN ${cols.assignees} ELSE ARRAY[${cols.townshipId}] END)`;

class SqlWhere {
  readonly clauses: string[] = [];
  constructor(readonly params: unknown[] = []) {}

  add(sql: string, value: unknown): void {
    this.params.push(value);
    this.clauses.push(sql.replace(/\?/g, `$${this.params.length}`));
  }

  toSql(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

function whereOf(filter: SupervisionFilter, cols: Columns, params: unknown[] = []): SqlWhere {
  const where = new SqlWhere(params);
  if (filter.county)
    where.add(`${cols.townshipId} IN (SELECT id FROM townships WHERE county = ?)`, filter.county);
  if (filter.townshipId) where.add(`${cols.townshipId} = ?`, filter.townshipId);
  if (filter.departmentId) {
    where.add(`${cols.lane} = 'department' AND ${cols.assignees} @> ARRAY[?]::uuid[]`, filter.departmentId);
  }
  if (filter.category)
    where.add(`${cols.dutyId} IN (SELECT id FROM duties WHERE category = ?)`, filter.category);
  if (filter.templateId) {
    where.add(`${cols.dutyId} = (SELECT "dutyId" FROM workflow_templates WHERE id = ?)`, filter.templateId);
  }
  if (filter.dutyId) where.add(`${cols.dutyId} = ?`, filter.dutyId);
  if (filter.readyFrom) where.add(`${cols.readyAt} >= ?`, filter.readyFrom);
  if (filter.readyBefore) where.add(`${cols.readyAt} < ?`, filter.readyBefore);
  return where;
}

// Overdue rows come from supervision_open_steps (see migration SupervisionOpenSteps): only open steps,
// with the case's township and duty, so filtering, counting and sorting never touch case_steps.
function overdueWhere(filter: SupervisionFilter, now: Date): SqlWhere {
  const where = whereOf(filter, MIRROR);
  const light = filter.light ?? 'red';
  if (light === 'red') where.add(`m."dueAt" < ?`, now);
  if (light === 'yellow') {
    where.add(`m."dueAt" >= ?`, now);
    where.add(`m."dueDate" <= ?::date`, filter.yellowUntil);
  }
  if (light === 'green') where.add(`m."dueDate" > ?::date`, filter.yellowUntil);
  if (filter.maxDueDate) where.add(`m."dueDate" <= ?::date`, filter.maxDueDate);
  return where;
}

// Filters on the open-step counters (k): township and duty as on the mirror; a department is its own
// rows (the caller picks the kind). No readyAt: the counters do not keep it.
function countersWhere(filter: SupervisionFilter, params: unknown[]): SqlWhere {
  const where = whereOf(
    { ...filter, departmentId: undefined },
    { ...MIRROR, townshipId: 'k."townshipId"', dutyId: 'k."dutyId"' },
    params,
  );
  if (filter.departmentId) where.add(`k."unitId" = ?`, filter.departmentId);
  return where;
}

// Filters on a table with "townshipId" and "templateId" (cases, or the open-case counters), but the department.
function caseWhere(filter: SupervisionFilter, alias: string, params: unknown[]): SqlWhere {
  const where = new SqlWhere(params);
  if (filter.county)
    where.add(`${alias}."townshipId" IN (SELECT id FROM townships WHERE county = ?)`, filter.county);
  if (filter.townshipId) where.add(`${alias}."townshipId" = ?`, filter.townshipId);
  if (filter.category) where.add(`d.category = ?`, filter.category);
  if (filter.templateId) {
    where.add(`w."dutyId" = (SELECT "dutyId" FROM workflow_templates WHERE id = ?)`, filter.templateId);
  }
  if (filter.dutyId) where.add(`w."dutyId" = ?`, filter.dutyId);
  return where;
}

const caseJoins = (filter: SupervisionFilter, alias: string): string =>
  filter.category || filter.templateId || filter.dutyId
    ? `JOIN workflow_templates w ON w.id = ${alias}."templateId" JOIN duties d ON d.id = w."dutyId"`
    : '';

// daysOverdue falls as dueAt rises, so both sorts walk the dueAt index; names come from small joins.
function orderByOf(sort: OverdueSort, order: SortOrder): string {
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  switch (sort) {
    case 'daysOverdue':
      return `m."dueAt" ${order === 'asc' ? 'DESC' : 'ASC'}, m."stepId"`;
    case 'dueAt':
      return `m."dueAt" ${dir}, m."stepId"`;
    case 'department':
      return `dp.name ${dir} NULLS LAST, m."dueAt", m."stepId"`;
    case 'township':
      return `t.name ${dir}, m."dueAt", m."stepId"`;
  }
}

const SORT_JOINS: Record<OverdueSort, string> = {
  daysOverdue: '',
  dueAt: '',
  department: `LEFT JOIN departments dp ON dp.id = m."assigneeDepartmentIds"[1]`,
  township: `JOIN townships t ON t.id = m."townshipId"`,
};

const DETAIL_COLUMNS = `s.id AS "stepId", s."caseId", c.title AS "caseTitle", c.subject AS "caseSubject",
  c."applicantIdNumber" AS "caseApplicantIdNumber", c."townshipId", t.name AS "townshipName", t.county, d.id AS "dutyId", d.name AS "dutyName",
  d.category AS "dutyCategory", w.id AS "templateId", w.version AS "templateVersion", s.position, s.lane,
  s.section, s.text, s.status, s."assigneeDepartmentIds",
  ARRAY(SELECT dp.name FROM unnest(s."assigneeDepartmentIds") WITH ORDINALITY a(id, i)
        JOIN departments dp ON dp.id = a.id ORDER BY a.i) AS "departmentNames",
  s."readyAt", to_char(s."dueDate", 'YYYY-MM-DD') AS "dueDate", s."dueAt", s."escalationLevel"`;

// China date of an instant, as toChinaDate does (China has no daylight saving).
const chinaDate = (column: string): string => `((${column} AT TIME ZONE 'UTC') + interval '8 hours')::date`;

@Injectable()
export class SupervisionRepository {
  private readonly dataSource: DataSource;

  // Read-only: served by the replica when DATABASE_READ_URL is set.
  constructor(replica: ReadReplica) {
    this.dataSource = replica.dataSource;
  }

  async countOverdue(filter: SupervisionFilter, now: Date): Promise<number> {
    const where = overdueWhere(filter, now);
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM supervision_open_steps m ${where.toSql()}`,
      where.params,
    );
    return rows[0].n;
  }

  // Step ids of one page (or of an export, with a larger limit), in display order.
  async overdueStepIds(filter: SupervisionFilter, query: OverduePageQuery): Promise<string[]> {
    const where = overdueWhere(filter, query.now);
    const rows: { stepId: string }[] = await this.dataSource.query(
      `SELECT m."stepId" FROM supervision_open_steps m ${SORT_JOINS[query.sort]} ${where.toSql()}
       ORDER BY ${orderByOf(query.sort, query.order)} LIMIT ${query.limit} OFFSET ${query.offset}`,
      where.params,
    );
    return rows.map((row) => row.stepId);
  }

  // Display columns of the given steps, in the given order.
  overdueDetails(stepIds: readonly string[]): Promise<OverdueStepRow[]> {
    if (stepIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT ${DETAIL_COLUMNS}
       FROM unnest($1::uuid[]) WITH ORDINALITY p(id, i) JOIN case_steps s ON s.id = p.id
       JOIN cases c ON c.id = s."caseId" JOIN townships t ON t.id = c."townshipId"
       JOIN workflow_templates w ON w.id = c."templateId" JOIN duties d ON d.id = w."dutyId"
       ORDER BY p.i`,
      [stepIds],
    );
  }

  // Open steps per unit, due date and overdue-or-not, from the trigger-kept counters (see migration
  // SupervisionOpenCounts): a few thousand rows instead of every open step. With a department filter
  // only that department's cells (the statistics show only its row). A readyAt range needs the steps.
  openStats(filter: SupervisionFilter, now: Date): Promise<OpenStatsCell[]> {
    if (filter.readyFrom || filter.readyBefore) return this.openStatsFromMirror(filter, now);
    const where = countersWhere(filter, [now]);
    where.clauses.unshift(filter.departmentId ? `k.kind = 'department'` : `k.kind <> 'step'`);
    return this.dataSource.query(
      `SELECT kind, "unitId", to_char("dueDate", 'YYYY-MM-DD') AS "dueDate", overdue, n::int
       FROM (SELECT k.kind, k."unitId", k."dueDate", (k."dueAt" < $1) AS overdue, sum(k.n) AS n
             FROM supervision_open_counts k ${where.toSql()} GROUP BY 1, 2, 3, 4) g`,
      where.params,
    );
  }

  // The same from the open steps themselves. Grouping before unnesting the holders reads each distinct
  // (holders, due date) once instead of once per step.
  private openStatsFromMirror(filter: SupervisionFilter, now: Date): Promise<OpenStatsCell[]> {
    const where = whereOf(filter, MIRROR, [now]);
    return this.dataSource.query(
      `SELECT g.lane AS kind, u.id AS "unitId", to_char(g."dueDate", 'YYYY-MM-DD') AS "dueDate", g.overdue,
              sum(g.n)::int AS n
       FROM (SELECT m.lane, m."assigneeDepartmentIds", m."townshipId", m."dueDate", (m."dueAt" < $1) AS overdue,
                    count(*) AS n
             FROM supervision_open_steps m ${where.toSql()} GROUP BY 1, 2, 3, 4, 5) g
       CROSS JOIN LATERAL ${unitsOf({ ...MIRROR, lane: 'g.lane', assignees: 'g."assigneeDepartmentIds"', townshipId: 'g."townshipId"' })} AS u(id)
       GROUP BY 1, 2, 3, 4`,
      where.params,
    );
  }

  // Completed steps per unit, on time or late, and working days from ready to completed: the
  // working-day ordinal of each China date comes from the array the calendar computed
  // (ordinal(b) - ordinal(a) = working days between), so SQL only indexes into it.
  completedStats(
    filter: SupervisionFilter,
    ordinalBase: string,
    ordinals: number[],
  ): Promise<CompletedStatsCell[]> {
    const where = whereOf(filter, STEPS, [ordinalBase, ordinals]);
    where.clauses.unshift(`s.status = 'completed'`);
    const ordinalOf = (column: string): string => `($2::int[])[${chinaDate(column)} - $1::date + 1]`;
    return this.dataSource.query(
      `SELECT s.lane AS kind, u.id AS "unitId", (s."completedAt" <= s."dueAt") AS "onTime",
              ${ordinalOf('s."completedAt"')} - ${ordinalOf('s."readyAt"')} AS "workingDays", count(*)::int AS n
       FROM case_steps s JOIN cases c ON c.id = s."caseId" JOIN workflow_templates w ON w.id = c."templateId"
       CROSS JOIN LATERAL ${unitsOf(STEPS)} AS u(id)
       ${where.toSql()} GROUP BY 1, 2, 3, 4`,
      where.params,
    );
  }

  // 退回补正 per unit: how often the unit's steps were sent back for correction (case_steps.returnCount),
  // and the steps sent back most often.
  returnsByUnit(filter: SupervisionFilter): Promise<UnitReturnsCell[]> {
    const where = whereOf(filter, STEPS);
    where.clauses.unshift(`s."returnCount" > 0`);
    return this.dataSource.query(
      `SELECT s.lane AS kind, u.id AS "unitId", sum(s."returnCount")::int AS returns, count(*)::int AS "returnedSteps"
       FROM case_steps s JOIN cases c ON c.id = s."caseId" JOIN workflow_templates w ON w.id = c."templateId"
       CROSS JOIN LATERAL ${unitsOf(STEPS)} AS u(id)
       ${where.toSql()} GROUP BY 1, 2`,
      where.params,
    );
  }

  mostReturnedSteps(filter: SupervisionFilter, limit: number): Promise<ReturnedStepRow[]> {
    const where = whereOf(filter, STEPS, [limit]);
    where.clauses.unshift(`s."returnCount" > 0`);
    return this.dataSource.query(
      `SELECT s.id AS "stepId", s."caseId", c.title AS "caseTitle", s.text, s.lane, s.status,
              s."returnCount"
       FROM case_steps s JOIN cases c ON c.id = s."caseId" JOIN workflow_templates w ON w.id = c."templateId"
       ${where.toSql()} ORDER BY s."returnCount" DESC, s.id LIMIT $1`,
      where.params,
    );
  }

  async unitNames(departmentIds: string[], townshipIds: string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM departments WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id, name FROM townships WHERE id = ANY($2::uuid[])`,
      [departmentIds, townshipIds],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  // Open steps now and how many of them are overdue, each step once: the counters' 'step' rows, or the
  // department's own rows (a step counts once per department holding it).
  async openStepCounts(filter: SupervisionFilter, now: Date): Promise<{ open: number; overdue: number }> {
    const where = countersWhere(filter, [now]);
    where.clauses.unshift(filter.departmentId ? `k.kind = 'department'` : `k.kind = 'step'`);
    const rows: { open: number; overdue: number }[] = await this.dataSource.query(
      `SELECT COALESCE(sum(k.n), 0)::int AS open, COALESCE(sum(k.n) FILTER (WHERE k."dueAt" < $1), 0)::int AS overdue
       FROM supervision_open_counts k ${where.toSql()}`,
      where.params,
    );
    return rows[0];
  }

  // Open cases now, and at the instant `then`: the open-case counters, less the open cases created
  // after `then`, plus the cases created by `then` and closed after it (both few, by index). A
  // department filter reads the department's cases through its steps.
  async openCaseCounts(filter: SupervisionFilter, then: Date): Promise<{ now: number; then: number }> {
    if (filter.departmentId) return this.openCaseCountsOfDepartment(filter, then);
    // The same filter on the counters (k) and on the cases (c): the same clauses numbered alike, one parameter list.
    const counters = caseWhere(filter, 'k', [then]);
    const recent = caseWhere(filter, 'c', [then]);
    const rows: { now: number; then: number }[] = await this.dataSource.query(
      `WITH open_now AS (SELECT COALESCE(sum(k.n), 0)::int AS n FROM supervision_open_cases k ${caseJoins(filter, 'k')} ${counters.toSql()}),
            recent AS (
              SELECT (count(*) FILTER (WHERE c."createdAt" > $1 AND c.status = 'open'))::int AS opened,
                     (count(*) FILTER (WHERE c."createdAt" <= $1 AND c.status <> 'open'))::int AS closed
              FROM cases c ${caseJoins(filter, 'c')}
              WHERE c.id IN (SELECT id FROM cases WHERE "createdAt" > $1 AND status = 'open'
                             UNION SELECT id FROM cases WHERE "completedAt" > $1
                             UNION SELECT id FROM cases WHERE "cancelledAt" > $1)
                ${recent.clauses.map((c) => `AND ${c}`).join(' ')})
       SELECT open_now.n AS now, open_now.n - recent.opened + recent.closed AS then FROM open_now, recent`,
      counters.params,
    );
    return rows[0];
  }

  private async openCaseCountsOfDepartment(
    filter: SupervisionFilter,
    then: Date,
  ): Promise<{ now: number; then: number }> {
    const where = caseWhere(filter, 'c', [then]);
    where.add(
      `c.id IN (SELECT "caseId" FROM case_steps WHERE lane = 'department' AND "assigneeDepartmentIds" @> ARRAY[?]::uuid[])`,
      filter.departmentId,
    );
    const rows: { now: number; then: number }[] = await this.dataSource.query(
      `SELECT (count(*) FILTER (WHERE c.status = 'open'))::int AS now,
              (count(*) FILTER (WHERE c."createdAt" <= $1 AND (c."completedAt" IS NULL OR c."completedAt" > $1)
                                  AND (c."cancelledAt" IS NULL OR c."cancelledAt" > $1)))::int AS then
       FROM cases c ${caseJoins(filter, 'c')} ${where.toSql()}`,
      where.params,
    );
    return rows[0];
  }

  // Completions per China month since `fromMonth` by scanning case_steps (filters the roll-up lacks):
  // each step once, or only the filtered department's.
  completedMonthCells(
    filter: SupervisionFilter,
    fromMonth: string,
    ordinalBase: string,
    ordinals: number[],
  ): Promise<{ month: string; onTime: boolean; workingDays: number | null; n: number }[]> {
    const where = whereOf(filter, STEPS, [ordinalBase, ordinals, fromMonth]);
    where.clauses.unshift(`s.status = 'completed'`, `s."completedAt" >= $3::date - interval '8 hours'`);
    const ordinalOf = (column: string): string => `($2::int[])[${chinaDate(column)} - $1::date + 1]`;
    return this.dataSource.query(
      `SELECT to_char(date_trunc('month', ${chinaDate('s."completedAt"')}), 'YYYY-MM-DD') AS month,
              (s."completedAt" <= s."dueAt") IS TRUE AS "onTime",
              ${ordinalOf('s."completedAt"')} - ${ordinalOf('s."readyAt"')} AS "workingDays", count(*)::int AS n
       FROM case_steps s JOIN cases c ON c.id = s."caseId" JOIN workflow_templates w ON w.id = c."templateId"
       ${where.toSql()} GROUP BY 1, 2, 3`,
      where.params,
    );
  }
}
