// The consistency counts of the fault benchmark that read only the database (issue 11): each is
// zero on a healthy run, and `tamper` breaks the private database once per count so a run with
// BENCH_FAULTS_TAMPER=1 shows that each of them can see what it looks for.
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { stepTimerJobId } from 'src/deadlines/deadline-jobs.service';
import { DONE_STEP_STATUSES } from 'src/domain/step-status';
import { QueueName } from 'src/queue/queue.constants';

const DONE_SQL = DONE_STEP_STATUSES.map((status) => `'${status}'`).join(', ');

// Allowed lag between a step's deadline and its overdue mark (the sweep runs every 30 s).
export const OVERDUE_WITHIN_MS = 60_000;

async function count(db: Client, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query<{ n: number }>(sql, params)).rows[0].n;
}

// Audit events written twice for one transition. A step's status events form a chain (each starts
// where the one before ended, the first from pending): a repeated event breaks it. A case's opening,
// completion or cancellation, and a rung (reminder, overdue) of one deadline, happen once.
export async function duplicatedEvents(db: Client): Promise<number> {
  const chainBreaks = await count(
    db,
    `SELECT count(*)::int AS n FROM (
       SELECT "fromStatus", lag("toStatus") OVER (PARTITION BY "stepId" ORDER BY id) AS before
       FROM case_events WHERE type = 'step_status_changed') e
     WHERE "fromStatus" IS DISTINCT FROM coalesce(before, 'pending')`,
  );
  const repeated = await count(
    db,
    `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
       SELECT count(*) AS n FROM case_events
       WHERE type IN ('case_opened', 'case_completed', 'case_cancelled', 'step_reminded', 'step_overdue')
       GROUP BY "caseId", "stepId", type, data->>'dueDate') g`,
  );
  return chainBreaks + repeated;
}

// A case without its opening event or without exactly the steps of its template (the chosen sections).
export function partialCases(db: Client): Promise<number> {
  return count(
    db,
    `SELECT count(*)::int AS n FROM cases c
     WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e."caseId" = c.id AND e.type = 'case_opened')
        OR (SELECT array_agg(s.position ORDER BY s.position) FROM case_steps s WHERE s."caseId" = c.id)
           IS DISTINCT FROM
           (SELECT array_agg(t.position ORDER BY t.position) FROM template_steps t
            WHERE t."templateId" = c."templateId"
              AND (c.sections IS NULL OR t.section IS NULL OR t.section = ANY (c.sections)))`,
  );
}

// Steps ready, in progress or completed while a predecessor (the template's dependsOn, among the
// steps the case has) is unfinished. Standing duties have no dependencies either way; not applicable
// counts as finished.
export function stepsReadyTooEarly(db: Client): Promise<number> {
  return count(
    db,
    `SELECT count(DISTINCT s.id)::int AS n FROM case_steps s
     JOIN template_steps t ON t.id = s."templateStepId"
     JOIN case_steps p ON p."caseId" = s."caseId" AND p.position = ANY (t."dependsOn")
     WHERE s.status IN ('ready', 'in_progress', 'completed') AND p.status NOT IN (${DONE_SQL})`,
  );
}

// Each step that became ready (pending → ready) or was marked overdue has a notification of that kind
// in the inbox of each unit holding it (as many as there were such events).
export function lostNotifications(db: Client): Promise<number> {
  return count(
    db,
    `WITH expected AS (
       SELECT "stepId", CASE type WHEN 'step_overdue' THEN 'step_overdue' ELSE 'step_ready' END AS kind,
              count(*)::int AS n
       FROM case_events
       WHERE (type = 'step_status_changed' AND "fromStatus" = 'pending' AND "toStatus" = 'ready')
          OR type = 'step_overdue'
       GROUP BY 1, 2),
     holders AS (
       SELECT s.id AS "stepId", s.lane AS "unitKind", unnest(
                CASE s.lane WHEN 'township' THEN ARRAY[c."townshipId"::text]
                            ELSE s."assigneeDepartmentIds"::text[] END) AS "unitId"
       FROM case_steps s JOIN cases c ON c.id = s."caseId")
     SELECT coalesce(sum(greatest(0, x.n - got.n)), 0)::int AS n
     FROM expected x JOIN holders h USING ("stepId")
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS n FROM notifications o
       WHERE o."stepId" = x."stepId" AND o.type = x.kind AND o."unitKind" = h."unitKind"
         AND o."unitId" = h."unitId") got`,
  );
}

export interface DueProbe {
  id: string;
  dueAt: Date;
}

// Makes open steps due at the given instants, as a shorter deadline would (due date and instant, no
// reminder left): steps of cases whose one step a client completed (clients never touch them again).
// A step whose timer still waits in Redis gets it moved to the new instant (the timer path); the
// others rely on the sweep.
export async function makeDueSoon(
  databaseUrl: string,
  redisUrl: string,
  prefix: string,
  dues: Date[],
): Promise<{ probes: DueProbe[]; timersMoved: number }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let probes: DueProbe[];
  try {
    const { rows } = await db.query<{ id: string }>(
      `SELECT s.id FROM case_steps s WHERE s.status = 'ready'
         AND EXISTS (SELECT 1 FROM case_steps d WHERE d."caseId" = s."caseId" AND d.status = 'completed')
       ORDER BY s."readyAt" LIMIT $1`,
      [dues.length],
    );
    probes = rows.map((row, i) => ({ id: row.id, dueAt: dues[i] }));
    for (const probe of probes) {
      await db.query(
        `UPDATE case_steps SET "dueAt" = $2, "dueDate" = (($2::timestamptz AT TIME ZONE 'Asia/Shanghai'))::date,
           "remindAt" = NULL, revision = revision + 1
         WHERE id = $1`,
        [probe.id, probe.dueAt],
      );
    }
  } finally {
    await db.end();
  }
  const queue = new Queue(QueueName.Deadlines, { connection: { url: redisUrl }, prefix });
  let timersMoved = 0;
  try {
    for (const probe of probes) {
      const job = await queue.getJob(stepTimerJobId(probe.id));
      if (!job || !(await job.isDelayed())) continue;
      await job.changeDelay(Math.max(0, probe.dueAt.getTime() - Date.now()));
      timersMoved += 1;
    }
  } finally {
    await queue.close();
  }
  return { probes, timersMoved };
}

// Probes without an overdue mark, or marked later than OVERDUE_WITHIN_MS after their deadline; and
// the largest lag seen.
export async function lateOverdueMarks(
  db: Client,
  probes: DueProbe[],
): Promise<{ late: number; maxLagMs: number | null }> {
  const { rows } = await db.query<{ id: string; dueAt: Date; overdueAt: Date | null }>(
    `SELECT id, "dueAt", "overdueAt" FROM case_steps WHERE id = ANY ($1::uuid[])`,
    [probes.map((probe) => probe.id)],
  );
  const lags = rows.map((row) => (row.overdueAt ? row.overdueAt.getTime() - row.dueAt.getTime() : null));
  const late =
    probes.length - rows.length + lags.filter((lag) => lag === null || lag > OVERDUE_WITHIN_MS).length;
  const seen = lags.filter((lag): lag is number => lag !== null);
  return { late, maxLagMs: seen.length > 0 ? Math.max(...seen) : null };
}

// BENCH_FAULTS_TAMPER=1: one break per count, in the private database, after the processes stopped.
export async function tamper(db: Client, probes: DueProbe[]): Promise<void> {
  // An audit event written twice.
  await db.query(
    `INSERT INTO case_events ("caseId", "stepId", "actorId", type, "fromStatus", "toStatus", note, data)
     SELECT "caseId", "stepId", "actorId", type, "fromStatus", "toStatus", note, data FROM case_events
     WHERE type = 'step_status_changed' AND "toStatus" = 'completed' ORDER BY id LIMIT 1`,
  );
  // A case that lost one of its steps, and (another case) a step started before its predecessor.
  const pending = (
    await db.query<{ id: string; caseId: string }>(
      `SELECT DISTINCT ON ("caseId") id, "caseId" FROM case_steps WHERE status = 'pending'
       ORDER BY "caseId", position LIMIT 2`,
    )
  ).rows;
  await db.query(`DELETE FROM case_steps WHERE id = $1`, [pending[0].id]);
  await db.query(
    `UPDATE case_steps SET status = 'ready', "readyAt" = now(), "dueDate" = current_date + 7,
       "dueAt" = now() + interval '7 days' WHERE id = $1`,
    [pending[1].id],
  );
  // A due step that never got its overdue mark.
  await db.query(`UPDATE case_steps SET "overdueAt" = NULL WHERE id = $1`, [probes[0].id]);
  // A notification lost.
  await db.query(
    `DELETE FROM notifications WHERE id = (SELECT id FROM notifications WHERE type = 'step_ready' LIMIT 1)`,
  );
}
