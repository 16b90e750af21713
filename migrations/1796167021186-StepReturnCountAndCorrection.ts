import { MigrationInterface, QueryRunner } from 'typeorm';

export class StepReturnCountAndCorrection1796167021186 implements MigrationInterface {
  name = 'StepReturnCountAndCorrection1796167021186';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD "returnCount" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD "awaitingCorrection" boolean NOT NULL DEFAULT false
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_steps" DROP COLUMN "awaitingCorrection"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps" DROP COLUMN "returnCount"
        `);
  }
}
