import { MigrationInterface, QueryRunner } from 'typeorm';

export class CasesAndSteps1795400451596 implements MigrationInterface {
  name = 'CasesAndSteps1795400451596';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "case_events" (
                "id" BIGSERIAL NOT NULL,
                "caseId" uuid NOT NULL,
                "stepId" uuid,
                "actorId" uuid,
                "type" character varying(40) NOT NULL,
                "fromStatus" character varying(20),
                "toStatus" character varying(20),
                "note" text,
                "data" jsonb,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_61f203ee26b76c6438bbcc7bde6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_case_events_step" ON "case_events" ("stepId")
            WHERE "stepId" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_case_events_case" ON "case_events" ("caseId", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "cases" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "templateId" uuid NOT NULL,
                "townshipId" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "subject" character varying(200) NOT NULL,
                "note" text,
                "sections" text array,
                "status" character varying(20) NOT NULL,
                "createdBy" uuid NOT NULL,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "completedAt" TIMESTAMP WITH TIME ZONE,
                "cancelledAt" TIMESTAMP WITH TIME ZONE,
                "cancelReason" text,
                CONSTRAINT "CHK_cases_cancelled_at" CHECK (
                    ("status" = 'cancelled') = ("cancelledAt" IS NOT NULL)
                ),
                CONSTRAINT "CHK_cases_completed_at" CHECK (
                    ("status" = 'completed') = ("completedAt" IS NOT NULL)
                ),
                CONSTRAINT "CHK_cases_status" CHECK ("status" IN ('open', 'completed', 'cancelled')),
                CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_template" ON "cases" ("templateId")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_cases_township_status" ON "cases" ("townshipId", "status", "createdAt")
        `);
    await queryRunner.query(`
            CREATE TABLE "idempotency_keys" (
                "userId" uuid NOT NULL,
                "key" character varying(128) NOT NULL,
                "route" character varying(300) NOT NULL,
                "requestHash" character varying(64) NOT NULL,
                "responseStatus" integer,
                "responseBody" jsonb,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9c0cd5f4363be416d112d6ce689" PRIMARY KEY ("userId", "key")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "case_steps" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "caseId" uuid NOT NULL,
                "templateStepId" uuid,
                "position" integer NOT NULL,
                "lane" character varying(20) NOT NULL,
                "section" text,
                "order" integer NOT NULL,
                "text" text NOT NULL,
                "assigneeDepartmentIds" uuid array NOT NULL DEFAULT '{}',
                "dependsOn" integer array NOT NULL DEFAULT '{}',
                "dueWorkingDays" integer NOT NULL,
                "optional" boolean NOT NULL DEFAULT false,
                "status" character varying(20) NOT NULL,
                "claimedBy" uuid,
                "readyAt" TIMESTAMP WITH TIME ZONE,
                "dueDate" date,
                "dueAt" TIMESTAMP WITH TIME ZONE,
                "completedAt" TIMESTAMP WITH TIME ZONE,
                "completedBy" uuid,
                "note" text,
                "revision" integer NOT NULL DEFAULT '0',
                CONSTRAINT "UQ_case_steps_case_position" UNIQUE ("caseId", "position"),
                CONSTRAINT "CHK_case_steps_due" CHECK (
                    "status" NOT IN ('ready', 'in_progress')
                    OR "dueAt" IS NOT NULL
                ),
                CONSTRAINT "CHK_case_steps_claim" CHECK (
                    "status" = 'in_progress'
                    OR "claimedBy" IS NULL
                ),
                CONSTRAINT "CHK_case_steps_completed_at" CHECK (
                    ("status" = 'completed') = ("completedAt" IS NOT NULL)
                ),
                CONSTRAINT "CHK_case_steps_lane" CHECK ("lane" IN ('department', 'township')),
                CONSTRAINT "CHK_case_steps_status" CHECK (
                    "status" IN (
                        'pending',
                        'ready',
                        'in_progress',
                        'completed',
                        'skipped',
                        'cancelled'
                    )
                ),
                CONSTRAINT "PK_a1a859c1512fde6f212afdb2e47" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_case_steps_open_due" ON "case_steps" ("dueAt")
            WHERE "status" IN ('ready', 'in_progress')
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "type" character varying(40) NOT NULL,
                "payload" jsonb NOT NULL,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "dispatchedAt" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_outbox_events_type" CHECK (
                    "type" IN ('step_ready', 'step_returned', 'step_reassigned')
                ),
                CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_outbox_events_undispatched" ON "outbox_events" ("createdAt")
            WHERE "dispatchedAt" IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_119f1fd7c38855396d2e707885a" FOREIGN KEY ("templateId") REFERENCES "workflow_templates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_d4e316c0c581c512cec1ca4c543" FOREIGN KEY ("townshipId") REFERENCES "townships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_bfb0c74718daaaf42f4a8baec59" FOREIGN KEY ("createdBy") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_steps"
            ADD CONSTRAINT "FK_e0ebd4ae082823eb3196fdd4ec2" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "case_steps" DROP CONSTRAINT "FK_e0ebd4ae082823eb3196fdd4ec2"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_bfb0c74718daaaf42f4a8baec59"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_d4e316c0c581c512cec1ca4c543"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_119f1fd7c38855396d2e707885a"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_outbox_events_undispatched"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_case_steps_open_due"
        `);
    await queryRunner.query(`
            DROP TABLE "case_steps"
        `);
    await queryRunner.query(`
            DROP TABLE "idempotency_keys"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_township_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_template"
        `);
    await queryRunner.query(`
            DROP TABLE "cases"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_case_events_case"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_case_events_step"
        `);
    await queryRunner.query(`
            DROP TABLE "case_events"
        `);
  }
}
