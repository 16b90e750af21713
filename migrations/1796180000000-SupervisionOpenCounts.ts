import { MigrationInterface, QueryRunner } from 'typeorm';

// Hand-written (triggers; these tables have no entity on purpose, like supervision_open_steps).
// The 督办看板 counted open work by scanning: every open step of the mirror grouped per unit and due
// date (~100,000 rows at 1M steps: 170–410 ms under load) and every case for the open-case card
// (~145,000 rows). Two counter tables keep those numbers exact instead, written by triggers in the
// transaction that changes the step or case, so a reader never sees a stale figure:
// 1. supervision_open_counts: open steps per (township, duty, due date, due instant, unit). kind is
//    the holder lane ('department': one row per assigned department, 'township': the case's township),
//    as the statistics unnest them, or 'step' (each open step once, unitId = its township) for the
//    board's card. Maintained from supervision_open_steps, so whatever keeps the mirror right (step
//    updates, cascades from a deleted case) keeps these right. Overdue is dueAt < now at read time.
// 2. supervision_open_cases: open cases per (township, template); a case's township and template never
//    change, but the trigger handles it anyway.
// A completion costs one or two extra upserts per changed mirror row (a few small-row updates).
export class SupervisionOpenCounts1796180000000 implements MigrationInterface {
  name = 'SupervisionOpenCounts1796180000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The statistics' 退回补正 columns: only the steps ever sent back, not a scan of every step.
    await queryRunner.query(`
            CREATE INDEX "IDX_case_steps_returned" ON "case_steps" ("returnCount")
            WHERE "returnCount" > 0
        `);
    // The open cases at the month start: those opened since and still open, those closed since.
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_cancelled_at" ON "cases" ("cancelledAt")
            WHERE "cancelledAt" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_completed_at" ON "cases" ("completedAt")
            WHERE "completedAt" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_open_created" ON "cases" ("createdAt")
            WHERE "status" = 'open'
        `);
    await queryRunner.query(`
      CREATE TABLE supervision_open_counts (
        "townshipId" uuid NOT NULL,
        "dutyId" uuid NOT NULL,
        "dueDate" date NOT NULL,
        "dueAt" timestamptz NOT NULL,
        kind varchar(20) NOT NULL,
        "unitId" uuid NOT NULL,
        n int NOT NULL, -- no CHECK (n >= 0): PostgreSQL checks the -1 an upsert proposes before it finds the row
        PRIMARY KEY ("townshipId", "dutyId", "dueDate", "dueAt", kind, "unitId")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_supervision_open_counts_unit" ON supervision_open_counts ("unitId", kind)`,
    );
    // Adds delta to every unit one open step counts for (grouped: a department listed twice counts twice,
    // as unnest does; sorted, so concurrent writers lock rows in the same order), then drops empty rows.
    await queryRunner.query(`
      CREATE FUNCTION supervision_open_counts_add(s supervision_open_steps, delta int) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO supervision_open_counts AS k ("townshipId", "dutyId", "dueDate", "dueAt", kind, "unitId", n)
        SELECT s."townshipId", s."dutyId", s."dueDate", s."dueAt", u.kind, u.id, delta * count(*)
        FROM (SELECT 'step'::varchar AS kind, s."townshipId" AS id
              UNION ALL
              SELECT s.lane, x FROM unnest(CASE WHEN s.lane = 'department' THEN s."assigneeDepartmentIds"
                                               ELSE ARRAY[s."townshipId"] END) x) u
        GROUP BY u.kind, u.id ORDER BY u.kind, u.id
        ON CONFLICT ("townshipId", "dutyId", "dueDate", "dueAt", kind, "unitId") DO UPDATE SET n = k.n + EXCLUDED.n;
        DELETE FROM supervision_open_counts
        WHERE "townshipId" = s."townshipId" AND "dutyId" = s."dutyId" AND "dueDate" = s."dueDate"
          AND "dueAt" = s."dueAt" AND n = 0;
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION supervision_open_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND (OLD."townshipId", OLD."dutyId", OLD.lane, OLD."assigneeDepartmentIds", OLD."dueAt", OLD."dueDate")
            IS NOT DISTINCT FROM (NEW."townshipId", NEW."dutyId", NEW.lane, NEW."assigneeDepartmentIds", NEW."dueAt", NEW."dueDate") THEN
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM supervision_open_counts_add(OLD, -1); END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM supervision_open_counts_add(NEW, 1); END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER supervision_open_counts_sync AFTER INSERT OR UPDATE OR DELETE ON supervision_open_steps
      FOR EACH ROW EXECUTE FUNCTION supervision_open_counts_sync()`);
    await queryRunner.query(`
      INSERT INTO supervision_open_counts ("townshipId", "dutyId", "dueDate", "dueAt", kind, "unitId", n)
      SELECT m."townshipId", m."dutyId", m."dueDate", m."dueAt", u.kind, u.id, count(*)
      FROM supervision_open_steps m
      CROSS JOIN LATERAL (SELECT 'step'::varchar AS kind, m."townshipId" AS id
                          UNION ALL
                          SELECT m.lane, x FROM unnest(CASE WHEN m.lane = 'department' THEN m."assigneeDepartmentIds"
                                                            ELSE ARRAY[m."townshipId"] END) x) u
      GROUP BY 1, 2, 3, 4, 5, 6`);

    await queryRunner.query(`
      CREATE TABLE supervision_open_cases (
        "townshipId" uuid NOT NULL,
        "templateId" uuid NOT NULL,
        n int NOT NULL CHECK (n >= 0),
        PRIMARY KEY ("townshipId", "templateId")
      )`);
    await queryRunner.query(`
      CREATE FUNCTION supervision_open_cases_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'open' THEN
          UPDATE supervision_open_cases SET n = n - 1
          WHERE "townshipId" = OLD."townshipId" AND "templateId" = OLD."templateId";
          DELETE FROM supervision_open_cases
          WHERE "townshipId" = OLD."townshipId" AND "templateId" = OLD."templateId" AND n = 0;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'open' THEN
          INSERT INTO supervision_open_cases AS k ("townshipId", "templateId", n)
          VALUES (NEW."townshipId", NEW."templateId", 1)
          ON CONFLICT ("townshipId", "templateId") DO UPDATE SET n = k.n + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER supervision_open_cases_insert AFTER INSERT ON cases
      FOR EACH ROW WHEN (NEW.status = 'open') EXECUTE FUNCTION supervision_open_cases_sync()`);
    await queryRunner.query(`
      CREATE TRIGGER supervision_open_cases_update AFTER UPDATE ON cases
      FOR EACH ROW WHEN ((OLD.status = 'open' OR NEW.status = 'open') AND
        (OLD.status, OLD."townshipId", OLD."templateId") IS DISTINCT FROM (NEW.status, NEW."townshipId", NEW."templateId"))
      EXECUTE FUNCTION supervision_open_cases_sync()`);
    await queryRunner.query(`
      CREATE TRIGGER supervision_open_cases_delete AFTER DELETE ON cases
      FOR EACH ROW WHEN (OLD.status = 'open') EXECUTE FUNCTION supervision_open_cases_sync()`);
    await queryRunner.query(`
      INSERT INTO supervision_open_cases ("townshipId", "templateId", n)
      SELECT "townshipId", "templateId", count(*) FROM cases WHERE status = 'open' GROUP BY 1, 2`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER supervision_open_cases_delete ON cases`);
    await queryRunner.query(`DROP TRIGGER supervision_open_cases_update ON cases`);
    await queryRunner.query(`DROP TRIGGER supervision_open_cases_insert ON cases`);
    await queryRunner.query(`DROP FUNCTION supervision_open_cases_sync()`);
    await queryRunner.query(`DROP TABLE supervision_open_cases`);
    await queryRunner.query(`DROP TRIGGER supervision_open_counts_sync ON supervision_open_steps`);
    await queryRunner.query(`DROP FUNCTION supervision_open_counts_sync()`);
    await queryRunner.query(`DROP FUNCTION supervision_open_counts_add(supervision_open_steps, int)`);
    await queryRunner.query(`DROP TABLE supervision_open_counts`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cases_open_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cases_completed_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cases_cancelled_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_case_steps_returned"`);
  }
}
