import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseworkApplicantsAccountsMaterials1796164106347 implements MigrationInterface {
  name = 'CaseworkApplicantsAccountsMaterials1796164106347';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "login_throttles" (
                "key" character varying(200) NOT NULL,
                "failures" integer NOT NULL,
                "windowStartedAt" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_366650e3560115bd25315ca53d0" PRIMARY KEY ("key")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "trusted_logins" (
                "username" character varying(64) NOT NULL,
                "address" character varying(64) NOT NULL,
                "lastLoginAt" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_0a3cf26bae2fca4149b5965443e" PRIMARY KEY ("username", "address")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "materials" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "caseId" uuid NOT NULL,
                "stepId" uuid,
                "fileName" character varying(200) NOT NULL,
                "kind" character varying(10) NOT NULL,
                "mediaType" character varying(100) NOT NULL,
                "size" integer NOT NULL,
                "sha256" character(64) NOT NULL,
                "storageKey" character varying(200) NOT NULL,
                "uploadedBy" uuid NOT NULL,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_materials_size" CHECK ("size" > 0),
                CONSTRAINT "CHK_materials_kind" CHECK (
                    "kind" IN ('pdf', 'jpeg', 'png', 'docx', 'xlsx', 'ofd')
                ),
                CONSTRAINT "PK_2fd1a93ecb222a28bef28663fa0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_materials_case" ON "materials" ("caseId", "createdAt")
        `);
    await queryRunner.query(`
            CREATE TABLE "material_contents" (
                "id" uuid NOT NULL,
                "content" bytea NOT NULL,
                CONSTRAINT "PK_ea8372345bd9a29d7efec84bd16" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "phone" character varying(30)
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "isLeader" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "tokenVersion" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "passwordChangedAt" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates"
            ADD "caseFields" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "applicantIdNumber" character varying(18)
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "applicantPhone" character varying(30)
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "applicantVillage" character varying(100)
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "applicantAddress" character varying(200)
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "applicantRemarks" text
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "extraFields" jsonb
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_created_by" ON "cases" ("createdBy", "createdAt")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_applicant_id_number" ON "cases" ("applicantIdNumber")
            WHERE "applicantIdNumber" IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "CHK_users_leader" CHECK (
                    NOT "isLeader"
                    OR "role" IN ('department_staff', 'township_staff')
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "materials"
            ADD CONSTRAINT "FK_365bd70bccedcbe2384303e716e" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "materials"
            ADD CONSTRAINT "FK_f4607de78d2f8b4774571ed5378" FOREIGN KEY ("stepId") REFERENCES "case_steps"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "materials"
            ADD CONSTRAINT "FK_3b6d3a01d78c3813ec2493dafa1" FOREIGN KEY ("uploadedBy") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "materials" DROP CONSTRAINT "FK_3b6d3a01d78c3813ec2493dafa1"
        `);
    await queryRunner.query(`
            ALTER TABLE "materials" DROP CONSTRAINT "FK_f4607de78d2f8b4774571ed5378"
        `);
    await queryRunner.query(`
            ALTER TABLE "materials" DROP CONSTRAINT "FK_365bd70bccedcbe2384303e716e"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "CHK_users_leader"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_applicant_id_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_created_by"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "extraFields"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "applicantRemarks"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "applicantAddress"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "applicantVillage"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "applicantPhone"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "applicantIdNumber"
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates" DROP COLUMN "caseFields"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "passwordChangedAt"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "tokenVersion"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "isLeader"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "phone"
        `);
    await queryRunner.query(`
            DROP TABLE "material_contents"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_materials_case"
        `);
    await queryRunner.query(`
            DROP TABLE "materials"
        `);
    await queryRunner.query(`
            DROP TABLE "trusted_logins"
        `);
    await queryRunner.query(`
            DROP TABLE "login_throttles"
        `);
  }
}
