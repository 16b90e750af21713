import { MigrationInterface, QueryRunner } from 'typeorm';

export class BrowserSessions1796161550704 implements MigrationInterface {
  name = 'BrowserSessions1796161550704';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tokenHash" character varying(64) NOT NULL,
                "userId" uuid NOT NULL,
                "csrfToken" character varying(64) NOT NULL,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL,
                "lastSeenAt" TIMESTAMP WITH TIME ZONE NOT NULL,
                "endedAt" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_sessions_tokenHash" ON "sessions" ("tokenHash")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_sessions_userId" ON "sessions" ("userId")
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_sessions_userId"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_sessions_tokenHash"
        `);
    await queryRunner.query(`
            DROP TABLE "sessions"
        `);
  }
}
