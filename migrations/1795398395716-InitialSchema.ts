import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795398395716 implements MigrationInterface {
  name = 'InitialSchema1795398395716';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "departments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "county" character varying(100) NOT NULL,
                "name" character varying(200) NOT NULL,
                "aliases" text array NOT NULL DEFAULT '{}',
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_departments_county_name" UNIQUE ("county", "name"),
                CONSTRAINT "PK_839517a681a86bb84cbcc6a1e9d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "townships" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(100) NOT NULL,
                "county" character varying(100) NOT NULL,
                "prefecture" character varying(100) NOT NULL,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_townships_county_name" UNIQUE ("county", "name"),
                CONSTRAINT "PK_a6f5bba281bbcc5892fa589af16" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "duties" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "townshipId" uuid NOT NULL,
                "list" character varying(20) NOT NULL,
                "no" integer NOT NULL,
                "category" character varying(100) NOT NULL,
                "name" text NOT NULL,
                "method" text,
                "contentHash" character varying(64) NOT NULL,
                "warnings" jsonb NOT NULL DEFAULT '[]',
                "needsReview" boolean NOT NULL DEFAULT false,
                "sourceLine" integer NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_duties_township_list_no" UNIQUE ("townshipId", "list", "no"),
                CONSTRAINT "CHK_duties_list" CHECK ("list" IN ('basic', 'cooperative', 'withdrawn')),
                CONSTRAINT "PK_f35c74c0ad8c80299ca5d511f95" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_duties_needs_review" ON "duties" ("townshipId")
            WHERE "needsReview"
        `);
    await queryRunner.query(`
            CREATE TABLE "duty_departments" (
                "dutyId" uuid NOT NULL,
                "departmentId" uuid NOT NULL,
                "position" integer NOT NULL,
                CONSTRAINT "PK_9d45e833174af2eef9cdb8ceb06" PRIMARY KEY ("dutyId", "departmentId")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "duty_list_documents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "townshipId" uuid NOT NULL,
                "fileName" character varying(255) NOT NULL,
                "contentHash" character varying(64) NOT NULL,
                "sizeBytes" integer NOT NULL,
                "counts" jsonb NOT NULL,
                "warnings" jsonb NOT NULL DEFAULT '[]',
                "importedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_duty_list_documents_township_hash" UNIQUE ("townshipId", "contentHash"),
                CONSTRAINT "PK_1951179631bd7ac2adf87bc2e25" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "imports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "fileName" character varying(255) NOT NULL,
                "status" character varying(20) NOT NULL,
                "progress" integer NOT NULL DEFAULT '0',
                "content" bytea,
                "documentId" uuid,
                "result" jsonb,
                "failure" jsonb,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "startedAt" TIMESTAMP WITH TIME ZONE,
                "finishedAt" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_imports_progress" CHECK (
                    "progress" BETWEEN 0 AND 100
                ),
                CONSTRAINT "CHK_imports_status" CHECK (
                    "status" IN ('queued', 'running', 'succeeded', 'failed')
                ),
                CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "workflow_templates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dutyId" uuid NOT NULL,
                "version" integer NOT NULL,
                "name" text NOT NULL,
                "contentHash" character varying(64) NOT NULL,
                "documentId" uuid,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_workflow_templates_duty_version" UNIQUE ("dutyId", "version"),
                CONSTRAINT "PK_de336a1fce23ad3261d49423eae" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "template_steps" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "templateId" uuid NOT NULL,
                "position" integer NOT NULL,
                "lane" character varying(20) NOT NULL,
                "section" text,
                "order" integer NOT NULL,
                "text" text NOT NULL,
                "assigneeDepartmentIds" uuid array NOT NULL DEFAULT '{}',
                "dependsOn" integer array NOT NULL DEFAULT '{}',
                "dueWorkingDays" integer NOT NULL DEFAULT '5',
                "optional" boolean NOT NULL DEFAULT false,
                CONSTRAINT "UQ_template_steps_template_position" UNIQUE ("templateId", "position"),
                CONSTRAINT "CHK_template_steps_due" CHECK ("dueWorkingDays" >= 0),
                CONSTRAINT "CHK_template_steps_lane" CHECK ("lane" IN ('department', 'township')),
                CONSTRAINT "PK_8292e158313a2bb272d9217cb3d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "duties"
            ADD CONSTRAINT "FK_611bfb4e31f0896dd1926a07f36" FOREIGN KEY ("townshipId") REFERENCES "townships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "duty_departments"
            ADD CONSTRAINT "FK_1313dad75005f37b0cf1fb04d2d" FOREIGN KEY ("dutyId") REFERENCES "duties"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "duty_departments"
            ADD CONSTRAINT "FK_278a461c15d66c97b588685a560" FOREIGN KEY ("departmentId") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "duty_list_documents"
            ADD CONSTRAINT "FK_1adb0eeda3ea27e788185844d95" FOREIGN KEY ("townshipId") REFERENCES "townships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates"
            ADD CONSTRAINT "FK_deca01152553c665f1d9f2a18f5" FOREIGN KEY ("dutyId") REFERENCES "duties"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "template_steps"
            ADD CONSTRAINT "FK_f61e86e7ddd1d155aa48da4cef0" FOREIGN KEY ("templateId") REFERENCES "workflow_templates"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "template_steps" DROP CONSTRAINT "FK_f61e86e7ddd1d155aa48da4cef0"
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates" DROP CONSTRAINT "FK_deca01152553c665f1d9f2a18f5"
        `);
    await queryRunner.query(`
            ALTER TABLE "duty_list_documents" DROP CONSTRAINT "FK_1adb0eeda3ea27e788185844d95"
        `);
    await queryRunner.query(`
            ALTER TABLE "duty_departments" DROP CONSTRAINT "FK_278a461c15d66c97b588685a560"
        `);
    await queryRunner.query(`
            ALTER TABLE "duty_departments" DROP CONSTRAINT "FK_1313dad75005f37b0cf1fb04d2d"
        `);
    await queryRunner.query(`
            ALTER TABLE "duties" DROP CONSTRAINT "FK_611bfb4e31f0896dd1926a07f36"
        `);
    await queryRunner.query(`
            DROP TABLE "template_steps"
        `);
    await queryRunner.query(`
            DROP TABLE "workflow_templates"
        `);
    await queryRunner.query(`
            DROP TABLE "imports"
        `);
    await queryRunner.query(`
            DROP TABLE "duty_list_documents"
        `);
    await queryRunner.query(`
            DROP TABLE "duty_departments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_duties_needs_review"
        `);
    await queryRunner.query(`
            DROP TABLE "duties"
        `);
    await queryRunner.query(`
            DROP TABLE "townships"
        `);
    await queryRunner.query(`
            DROP TABLE "departments"
        `);
  }
}
