import { MigrationInterface, QueryRunner } from 'typeorm';

export class StepSupervisionLadder1795400613754 implements MigrationInterface {
  name = 'StepSupervisionLadder1795400613754';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD "remindAt" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD "remindedAt" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD "overdueAt" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD "escalationLevel" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD "escalatedAt" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_case_steps_open_remind" ON "case_steps" ("remindAt")
            WHERE "status" IN ('ready', 'in_progress')
                AND "remindedAt" IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD CONSTRAINT "CHK_case_steps_escalation" CHECK (
                    "escalationLevel" BETWEEN 0 AND 2
                )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_steps" DROP CONSTRAINT "CHK_case_steps_escalation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_case_steps_open_remind"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps" DROP COLUMN "escalatedAt"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps" DROP COLUMN "escalationLevel"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps" DROP COLUMN "overdueAt"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps" DROP COLUMN "remindedAt"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps" DROP COLUMN "remindAt"
        `);
  }
}
