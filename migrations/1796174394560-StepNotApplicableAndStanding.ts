import { MigrationInterface, QueryRunner } from 'typeorm';

// Standing duties (常态化职责) no longer hold a case open: case steps copy the template's mark, and a
// standing step still open when the rest of the case is done closes as 'not_applicable' (不适用).
// TypeORM does not see a changed CHECK expression, so the status constraint is rewritten by hand.
export class StepNotApplicableAndStanding1796174394560 implements MigrationInterface {
  name = 'StepNotApplicableAndStanding1796174394560';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD "standing" boolean NOT NULL DEFAULT false
        `);
    // Running cases follow their template's mark from now on.
    await queryRunner.query(`
            UPDATE "case_steps" cs SET "standing" = ts."standing"
            FROM "template_steps" ts WHERE cs."templateStepId" = ts."id" AND ts."standing"
        `);
    await queryRunner.query(`ALTER TABLE "case_steps" DROP CONSTRAINT "CHK_case_steps_status"`);
    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD CONSTRAINT "CHK_case_steps_status" CHECK (
                    "status" IN (
                        'pending',
                        'ready',
                        'in_progress',
                        'completed',
                        'skipped',
                        'cancelled',
                        'not_applicable'
                    )
                )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The old vocabulary has no 不适用: such steps read as cancelled with their (completed) case.
    await queryRunner.query(
      `UPDATE "case_steps" SET "status" = 'cancelled' WHERE "status" = 'not_applicable'`,
    );
    await queryRunner.query(`ALTER TABLE "case_steps" DROP CONSTRAINT "CHK_case_steps_status"`);
    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD CONSTRAINT "CHK_case_steps_status" CHECK (
                    "status" IN ('pending', 'ready', 'in_progress', 'completed', 'skipped', 'cancelled')
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps" DROP COLUMN "standing"
        `);
  }
}
