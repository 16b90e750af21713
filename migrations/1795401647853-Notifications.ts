import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795401647853 implements MigrationInterface {
  name = 'Notifications1795401647853';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "outboxId" uuid NOT NULL,
                "unitKind" character varying(20) NOT NULL,
                "unitId" character varying(100) NOT NULL,
                "type" character varying(40) NOT NULL,
                "caseId" uuid,
                "stepId" uuid,
                "title" text NOT NULL,
                "body" text NOT NULL,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "readAt" TIMESTAMP WITH TIME ZONE,
                "webhookStatus" character varying(20),
                "webhookAttempts" integer NOT NULL DEFAULT '0',
                "webhookLastError" text,
                "webhookDeliveredAt" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_notifications_outbox_unit" UNIQUE ("outboxId", "unitKind", "unitId"),
                CONSTRAINT "CHK_notifications_webhook_status" CHECK (
                    "webhookStatus" IS NULL
                    OR "webhookStatus" IN ('pending', 'delivered', 'failed')
                ),
                CONSTRAINT "CHK_notifications_type" CHECK (
                    "type" IN (
                        'step_ready',
                        'step_returned',
                        'step_reassigned',
                        'step_reminder',
                        'step_overdue',
                        'step_escalated',
                        'step_urged',
                        'overdue_digest'
                    )
                ),
                CONSTRAINT "CHK_notifications_unit_kind" CHECK (
                    "unitKind" IN ('department', 'township', 'county')
                ),
                CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_notifications_unit_created" ON "notifications" ("unitKind", "unitId", "createdAt")
        `);
    await queryRunner.query(`
            CREATE TABLE "unit_webhooks" (
                "unitKind" character varying(20) NOT NULL,
                "unitId" character varying(100) NOT NULL,
                "url" text NOT NULL,
                "secret" text,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_unit_webhooks_unit_kind" CHECK (
                    "unitKind" IN ('department', 'township', 'county')
                ),
                CONSTRAINT "PK_1c879c8873a5ce01c8ad94b2136" PRIMARY KEY ("unitKind", "unitId")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "FK_d6a96d3fdc6fe922aae6aeda558" FOREIGN KEY ("outboxId") REFERENCES "outbox_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "FK_d6a96d3fdc6fe922aae6aeda558"
        `);
    await queryRunner.query(`
            DROP TABLE "unit_webhooks"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_notifications_unit_created"
        `);
    await queryRunner.query(`
            DROP TABLE "notifications"
        `);
  }
}
