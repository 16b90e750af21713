import { MigrationInterface, QueryRunner } from 'typeorm';

// Hand-written: TypeORM cannot describe a pg_trgm GIN index, so the entity declares it with
// synchronize: false and this migration creates it. pg_trgm is a trusted extension (no superuser).
// It serves ILIKE '%残疾人证%' on duty names; the database's LC_CTYPE must classify Chinese characters
// as letters (C.UTF-8 or a UTF-8 locale) for trigrams to be extracted from them.
export class DutyNameTrigramIndex1795398395717 implements MigrationInterface {
  name = 'DutyNameTrigramIndex1795398395717';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "IDX_duties_name_trgm" ON "duties" USING gin ("name" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_duties_name_trgm"`);
  }
}
