import { MigrationInterface, QueryRunner } from 'typeorm';

// Hand-written (triggers; these tables have no entity on purpose, like supervision_open_steps).
//
// 1. supervision_completed_rollup: completed steps counted per (unit, township, category, on time,
//    working days) — the statistics read ~8,000 cells instead of scanning every completed step (~850k
//    at 1M steps: ~1 s); supervision_completed_monthly keeps the same per month for recent months. A job rebuilds it for everything completed before
//    supervision_rollup_state."coveredBefore" (start of the China day it ran); steps completed since
//    then are read from case_steps through IDX_case_steps_completed_at. Working days depend on the
//    calendar, so the state keeps the calendar fingerprint it was built with; a different fingerprint
//    makes readers fall back to the full scan until the next build.
// 2. supervision_rollup_corrections: a covered step that leaves "completed" (sent back) is recorded by a trigger in the same transaction; readers subtract it, the next build folds it in.
//    So the statistics are exact at every moment, whether or not the job ran.
// 3. supervision_daily_snapshots: open and overdue steps per (day, unit, township, duty), written once
//    a day by a job. Neither "overdue at the end of week N" nor "open at the end of last month" can be
//    rebuilt from the steps afterwards (send-backs reset the clock, cancellations keep no time), so the
//    board keeps this history. ~3,000 rows a day at 1M steps; 12 weekly points read ~36,000 rows.
export class SupervisionBoardHistory1796164108539 implements MigrationInterface {
  name = 'SupervisionBoardHistory1796164108539';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "IDX_case_steps_completed_at" ON "case_steps" ("completedAt")
            WHERE "status" = 'completed'
        `);
    await queryRunner.query(`
      CREATE TABLE supervision_completed_rollup (
        kind varchar(20) NOT NULL,
        "unitId" uuid NOT NULL,
        "primaryUnit" boolean NOT NULL,
        "townshipId" uuid NOT NULL,
        category text NOT NULL,
        "onTime" boolean NOT NULL,
        "workingDays" int,
        n int NOT NULL
      )`);
    // The same per month of completion, for the months the board's cards compare (from "monthlyFrom").
    await queryRunner.query(`
      CREATE TABLE supervision_completed_monthly (
        "completedMonth" date NOT NULL,
        kind varchar(20) NOT NULL,
        "unitId" uuid NOT NULL,
        "primaryUnit" boolean NOT NULL,
        "townshipId" uuid NOT NULL,
        category text NOT NULL,
        "onTime" boolean NOT NULL,
        "workingDays" int,
        n int NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_supervision_monthly_month" ON supervision_completed_monthly ("completedMonth")`,
    );
    await queryRunner.query(`
      CREATE TABLE supervision_rollup_state (
        id int PRIMARY KEY CHECK (id = 1),
        "coveredBefore" timestamptz NOT NULL,
        "monthlyFrom" date NOT NULL,
        "calendarFingerprint" text NOT NULL,
        "builtAt" timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE supervision_rollup_corrections (
        id bigserial PRIMARY KEY,
        "stepId" uuid NOT NULL,
        "caseId" uuid NOT NULL,
        lane varchar(20) NOT NULL,
        "assigneeDepartmentIds" uuid[] NOT NULL,
        "readyAt" timestamptz,
        "completedAt" timestamptz NOT NULL,
        "dueAt" timestamptz,
        "townshipId" uuid NOT NULL,
        category text NOT NULL
      )`);
    // The row keeps the township and category the step was counted under.
    await queryRunner.query(`
      CREATE FUNCTION supervision_rollup_correct() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO supervision_rollup_corrections ("stepId", "caseId", lane, "assigneeDepartmentIds",
          "readyAt", "completedAt", "dueAt", "townshipId", category)
        SELECT OLD.id, OLD."caseId", OLD.lane, OLD."assigneeDepartmentIds", OLD."readyAt", OLD."completedAt",
               OLD."dueAt", c."townshipId", d.category
        FROM cases c JOIN workflow_templates w ON w.id = c."templateId" JOIN duties d ON d.id = w."dutyId"
        WHERE c.id = OLD."caseId" AND OLD."completedAt" < (
          -- FOR SHARE waits while a build holds the table (it locks before taking its snapshot), then
          -- reads the new cut-off: a correction is never lost between a build's snapshot and its commit.
          SELECT "coveredBefore" FROM supervision_rollup_state WHERE id = 1 FOR SHARE);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER supervision_rollup_uncomplete AFTER UPDATE ON case_steps
      FOR EACH ROW WHEN (OLD.status = 'completed' AND NEW.status IS DISTINCT FROM 'completed')
      EXECUTE FUNCTION supervision_rollup_correct()`);
    // Deleting completed steps (a case deleted with its steps) is rare: the roll-up is declared stale
    // (readers scan case_steps) until the next build, rather than attributing rows whose case is gone.
    await queryRunner.query(`
      CREATE FUNCTION supervision_rollup_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM gone WHERE status = 'completed') THEN
          UPDATE supervision_rollup_state SET "calendarFingerprint" = 'stale';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER supervision_rollup_delete AFTER DELETE ON case_steps
      REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION supervision_rollup_invalidate()`);
    await queryRunner.query(`
      CREATE TABLE supervision_daily_snapshots (
        day date NOT NULL,
        kind varchar(20) NOT NULL,
        "unitId" uuid NOT NULL,
        "primaryUnit" boolean NOT NULL,
        "townshipId" uuid NOT NULL,
        "dutyId" uuid NOT NULL,
        category text NOT NULL,
        open int NOT NULL,
        overdue int NOT NULL,
        PRIMARY KEY (day, kind, "unitId", "primaryUnit", "townshipId", "dutyId")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE supervision_daily_snapshots`);
    await queryRunner.query(`DROP TRIGGER supervision_rollup_delete ON case_steps`);
    await queryRunner.query(`DROP TRIGGER supervision_rollup_uncomplete ON case_steps`);
    await queryRunner.query(`DROP FUNCTION supervision_rollup_invalidate()`);
    await queryRunner.query(`DROP FUNCTION supervision_rollup_correct()`);
    await queryRunner.query(`DROP TABLE supervision_rollup_corrections`);
    await queryRunner.query(`DROP TABLE supervision_rollup_state`);
    await queryRunner.query(`DROP TABLE supervision_completed_monthly`);
    await queryRunner.query(`DROP TABLE supervision_completed_rollup`);
    await queryRunner.query(`DROP INDEX "public"."IDX_case_steps_completed_at"`);
  }
}
