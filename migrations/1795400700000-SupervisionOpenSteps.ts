import { MigrationInterface, QueryRunner } from 'typeorm';

// Hand-written (TypeORM cannot express triggers, and this table has no entity on purpose):
// supervision_open_steps mirrors every open (ready / in_progress) case step together with the case
// attributes supervisors filter on (township, duty). With 1,000,000 steps the overdue list must count
// and page ~40,000 overdue rows in < 50 ms; joining each one to `cases` for the county / township /
// category filter costs a heap fetch per step (~170 ms measured). This table holds only open steps
// (~100,000 rows, ~15 MB, always cached), so the list is a range scan on one small table.
// Triggers keep it exact inside the writing transaction: a step that opens is upserted, one that
// closes is deleted; deleting a step (or its case) cascades. A case's township and template never change.
export class SupervisionOpenSteps1795400700000 implements MigrationInterface {
  name = 'SupervisionOpenSteps1795400700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE supervision_open_steps (
        "stepId" uuid PRIMARY KEY REFERENCES case_steps (id) ON DELETE CASCADE,
        "caseId" uuid NOT NULL,
        "townshipId" uuid NOT NULL,
        "dutyId" uuid NOT NULL,
        lane varchar(20) NOT NULL,
        "assigneeDepartmentIds" uuid[] NOT NULL,
        "readyAt" timestamptz,
        "dueAt" timestamptz NOT NULL,
        "dueDate" date NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_supervision_open_due" ON supervision_open_steps ("dueAt") INCLUDE ("townshipId", "dutyId", "dueDate")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_supervision_open_township_due" ON supervision_open_steps ("townshipId", "dueAt")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_supervision_open_assignees" ON supervision_open_steps USING gin ("assigneeDepartmentIds")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION supervision_open_steps_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status IN ('ready', 'in_progress') AND NEW."dueAt" IS NOT NULL THEN
          INSERT INTO supervision_open_steps ("stepId", "caseId", "townshipId", "dutyId", lane,
            "assigneeDepartmentIds", "readyAt", "dueAt", "dueDate")
          SELECT NEW.id, NEW."caseId", c."townshipId", w."dutyId", NEW.lane, NEW."assigneeDepartmentIds",
                 NEW."readyAt", NEW."dueAt", COALESCE(NEW."dueDate", ((NEW."dueAt" AT TIME ZONE 'UTC') + interval '8 hours')::date)
          FROM cases c JOIN workflow_templates w ON w.id = c."templateId" WHERE c.id = NEW."caseId"
          ON CONFLICT ("stepId") DO UPDATE SET lane = EXCLUDED.lane,
            "assigneeDepartmentIds" = EXCLUDED."assigneeDepartmentIds", "readyAt" = EXCLUDED."readyAt",
            "dueAt" = EXCLUDED."dueAt", "dueDate" = EXCLUDED."dueDate";
        ELSIF TG_OP = 'UPDATE' THEN
          DELETE FROM supervision_open_steps WHERE "stepId" = OLD.id;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER supervision_open_steps_insert AFTER INSERT ON case_steps
      FOR EACH ROW WHEN (NEW.status IN ('ready', 'in_progress'))
      EXECUTE FUNCTION supervision_open_steps_sync()`);
    // Fires only when something the mirror holds changed (revision bumps and notes do not count).
    await queryRunner.query(`
      CREATE TRIGGER supervision_open_steps_update AFTER UPDATE ON case_steps
      FOR EACH ROW WHEN (
        (OLD.status, OLD.lane, OLD."assigneeDepartmentIds", OLD."readyAt", OLD."dueAt", OLD."dueDate")
        IS DISTINCT FROM
        (NEW.status, NEW.lane, NEW."assigneeDepartmentIds", NEW."readyAt", NEW."dueAt", NEW."dueDate"))
      EXECUTE FUNCTION supervision_open_steps_sync()`);
    await queryRunner.query(`
      INSERT INTO supervision_open_steps ("stepId", "caseId", "townshipId", "dutyId", lane,
        "assigneeDepartmentIds", "readyAt", "dueAt", "dueDate")
      SELECT s.id, s."caseId", c."townshipId", w."dutyId", s.lane, s."assigneeDepartmentIds", s."readyAt", s."dueAt",
             COALESCE(s."dueDate", ((s."dueAt" AT TIME ZONE 'UTC') + interval '8 hours')::date)
      FROM case_steps s JOIN cases c ON c.id = s."caseId" JOIN workflow_templates w ON w.id = c."templateId"
      WHERE s.status IN ('ready', 'in_progress') AND s."dueAt" IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER supervision_open_steps_update ON case_steps`);
    await queryRunner.query(`DROP TRIGGER supervision_open_steps_insert ON case_steps`);
    await queryRunner.query(`DROP FUNCTION supervision_open_steps_sync()`);
    await queryRunner.query(`DROP TABLE supervision_open_steps`);
  }
}
