import { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkingCalendar1795399861187 implements MigrationInterface {
  name = 'WorkingCalendar1795399861187';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "calendar_years" (
                "year" integer NOT NULL,
                "source" text NOT NULL,
                "revision" uuid NOT NULL DEFAULT gen_random_uuid(),
                "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updatedBy" uuid,
                CONSTRAINT "CHK_calendar_years_year" CHECK (
                    "year" BETWEEN 2000 AND 2100
                ),
                CONSTRAINT "PK_1fed249d26e56ff06bb6dffd8d6" PRIMARY KEY ("year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "calendar_days" (
                "date" date NOT NULL,
                "year" integer NOT NULL,
                "kind" character varying(10) NOT NULL,
                "name" character varying(50) NOT NULL,
                "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updatedBy" uuid,
                CONSTRAINT "CHK_calendar_days_workday_weekend" CHECK (
                    "kind" <> 'workday'
                    OR EXTRACT(
                        ISODOW
                        FROM "date"
                    ) IN (6, 7)
                ),
                CONSTRAINT "CHK_calendar_days_year" CHECK (
                    "year" = EXTRACT(
                        YEAR
                        FROM "date"
                    )
                ),
                CONSTRAINT "CHK_calendar_days_kind" CHECK ("kind" IN ('holiday', 'workday')),
                CONSTRAINT "PK_1c04d56e8833eb6827f104f17e0" PRIMARY KEY ("date")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_calendar_days_year" ON "calendar_days" ("year")
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_days"
            ADD CONSTRAINT "FK_36dea1c9a0e2dbdf8cef8e2217f" FOREIGN KEY ("year") REFERENCES "calendar_years"("year") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "calendar_days" DROP CONSTRAINT "FK_36dea1c9a0e2dbdf8cef8e2217f"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_calendar_days_year"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_days"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_years"
        `);
  }
}
