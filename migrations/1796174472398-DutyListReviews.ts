import { MigrationInterface, QueryRunner } from 'typeorm';

export class DutyListReviews1796174472398 implements MigrationInterface {
  name = 'DutyListReviews1796174472398';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "duty_list_reviews" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "documentId" uuid NOT NULL,
                "rowKey" character varying(40) NOT NULL,
                "reviewedBy" uuid,
                "reviewedByName" character varying(100) NOT NULL,
                "reviewedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_duty_list_reviews_document_row" UNIQUE ("documentId", "rowKey"),
                CONSTRAINT "PK_694ad2b39e35cad6a6c315532b1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "duty_list_reviews"
            ADD CONSTRAINT "FK_4cb9ec050ab3ea9626f0bcb8f73" FOREIGN KEY ("documentId") REFERENCES "duty_list_documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "duty_list_reviews" DROP CONSTRAINT "FK_4cb9ec050ab3ea9626f0bcb8f73"
        `);
    await queryRunner.query(`
            DROP TABLE "duty_list_reviews"
        `);
  }
}
