import { MigrationInterface, QueryRunner } from 'typeorm';

// Hand-written (TypeORM cannot express either):
// - case_events is an append-only audit trail: a trigger refuses UPDATE and DELETE of its rows
//   (TRUNCATE, used by tests to reset the database, is a separate statement and stays allowed);
// - a GIN index on case_steps."assigneeDepartmentIds" serves "steps of my department" (&& / @>).
export class CaseAuditAppendOnly1795400451597 implements MigrationInterface {
  name = 'CaseAuditAppendOnly1795400451597';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
    await queryRunner.query(
      `CREATE INDEX "IDX_case_steps_assignees" ON case_steps USING gin ("assigneeDepartmentIds")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_case_steps_assignees"`);
    await queryRunner.query(`DROP TRIGGER case_events_append_only ON case_events`);
    await queryRunner.query(`DROP FUNCTION case_events_append_only()`);
  }
}
