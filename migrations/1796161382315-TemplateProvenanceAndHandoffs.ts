import { MigrationInterface, QueryRunner } from 'typeorm';

export class TemplateProvenanceAndHandoffs1796161382315 implements MigrationInterface {
  name = 'TemplateProvenanceAndHandoffs1796161382315';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "template_steps"
            ADD "standing" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "template_steps"
            ADD "evidence" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates"
            ADD "sourceHash" character varying(64)
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates"
            ADD "origin" character varying(20) NOT NULL DEFAULT 'document'
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates"
            ADD "needsReview" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates"
            ADD "documentUpdate" jsonb
        `);
    // Existing versions: those without a document were saved by a person. Each rests on the row of the
    // newest document version before it (the old contentHash was the row hash). Existing dependencies
    // were the plain document order (or a person's), which their evidence now says.
    await queryRunner.query(`UPDATE "workflow_templates" SET "origin" = 'person' WHERE "documentId" IS NULL`);
    await queryRunner.query(
      `UPDATE "workflow_templates" SET "sourceHash" = "contentHash" WHERE "origin" = 'document'`,
    );
    await queryRunner.query(`
            UPDATE "workflow_templates" w SET "sourceHash" = (
                SELECT p."contentHash" FROM "workflow_templates" p
                WHERE p."dutyId" = w."dutyId" AND p.version < w.version AND p."documentId" IS NOT NULL
                ORDER BY p.version DESC LIMIT 1)
            WHERE w."origin" = 'person'
        `);
    await queryRunner.query(`
            UPDATE "template_steps" s SET "evidence" = COALESCE((
                SELECT jsonb_agg(jsonb_build_object(
                    'on', d, 'rule', CASE WHEN w."origin" = 'person' THEN 'person' ELSE 'lane-order' END, 'words', '[]'::jsonb))
                FROM unnest(s."dependsOn") AS d), '[]'::jsonb)
            FROM "workflow_templates" w WHERE w.id = s."templateId"
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates"
            ADD CONSTRAINT "CHK_workflow_templates_origin" CHECK ("origin" IN ('document', 'person'))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "workflow_templates" DROP CONSTRAINT "CHK_workflow_templates_origin"
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates" DROP COLUMN "documentUpdate"
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates" DROP COLUMN "needsReview"
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates" DROP COLUMN "origin"
        `);
    await queryRunner.query(`
            ALTER TABLE "workflow_templates" DROP COLUMN "sourceHash"
        `);
    await queryRunner.query(`
            ALTER TABLE "template_steps" DROP COLUMN "evidence"
        `);
    await queryRunner.query(`
            ALTER TABLE "template_steps" DROP COLUMN "standing"
        `);
  }
}
