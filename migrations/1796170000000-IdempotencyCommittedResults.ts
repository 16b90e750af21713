import { MigrationInterface, QueryRunner } from 'typeorm';

// The unit of work writes its result with the Idempotency-Key in its own transaction, so a key whose
// work committed is replayed after a lost answer instead of being run again (issue 11, item 3).
export class IdempotencyCommittedResults1796170000000 implements MigrationInterface {
  name = 'IdempotencyCommittedResults1796170000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "idempotency_keys"
            ADD "committedResults" jsonb
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "idempotency_keys" DROP COLUMN "committedResults"
        `);
  }
}
