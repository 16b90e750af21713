import { MigrationInterface, QueryRunner } from 'typeorm';

export class EscalationLadder1795400885837 implements MigrationInterface {
  name = 'EscalationLadder1795400885837';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Hand-added: TypeORM does not notice a changed CHECK expression.
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP CONSTRAINT "CHK_outbox_events_type"`);
    await queryRunner.query(
      `ALTER TABLE "outbox_events" ADD CONSTRAINT "CHK_outbox_events_type" CHECK ("type" IN ('step_ready', 'step_returned', 'step_reassigned', 'step_reminder', 'step_overdue', 'step_escalated', 'step_urged', 'overdue_digest'))`,
    );

    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD "nextEscalationAt" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_case_steps_open_escalation" ON "case_steps" ("nextEscalationAt")
            WHERE "status" IN ('ready', 'in_progress')
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_case_steps_open_overdue" ON "case_steps" ("dueAt")
            WHERE "status" IN ('ready', 'in_progress')
                AND "overdueAt" IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP CONSTRAINT "CHK_outbox_events_type"`);
    await queryRunner.query(
      `ALTER TABLE "outbox_events" ADD CONSTRAINT "CHK_outbox_events_type" CHECK ("type" IN ('step_ready', 'step_returned', 'step_reassigned'))`,
    );

    await queryRunner.query(`
            DROP INDEX "public"."IDX_case_steps_open_overdue"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_case_steps_open_escalation"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps" DROP COLUMN "nextEscalationAt"
        `);
  }
}
