import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxDispatchedIndex1795402996349 implements MigrationInterface {
  name = 'OutboxDispatchedIndex1795402996349';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "IDX_outbox_events_dispatched" ON "outbox_events" ("dispatchedAt")
            WHERE "dispatchedAt" IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_outbox_events_dispatched"
        `);
  }
}
