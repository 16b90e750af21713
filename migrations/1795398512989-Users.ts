import { MigrationInterface, QueryRunner } from 'typeorm';

export class Users1795398512989 implements MigrationInterface {
  name = 'Users1795398512989';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "app_settings" (
                "key" character varying(64) NOT NULL,
                "value" text NOT NULL,
                CONSTRAINT "PK_975c2db59c65c05fd9c6b63a2ab" PRIMARY KEY ("key")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "username" character varying(64) NOT NULL,
                "displayName" character varying(100) NOT NULL,
                "passwordHash" character varying(100) NOT NULL,
                "role" character varying(20) NOT NULL,
                "departmentId" uuid,
                "townshipId" uuid,
                "county" character varying(100),
                "active" boolean NOT NULL DEFAULT true,
                "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_users_username" UNIQUE ("username"),
                CONSTRAINT "CHK_users_unit" CHECK (
                    ("role" = 'department_staff') = ("departmentId" IS NOT NULL)
                    AND ("role" = 'township_staff') = ("townshipId" IS NOT NULL)
                    AND (
                        "role" <> 'supervisor'
                        OR "county" IS NOT NULL
                    )
                ),
                CONSTRAINT "CHK_users_role" CHECK (
                    "role" IN (
                        'admin',
                        'supervisor',
                        'department_staff',
                        'township_staff'
                    )
                ),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_554d853741f2083faaa5794d2ae" FOREIGN KEY ("departmentId") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_f8d965835223c60735fd7590fe4" FOREIGN KEY ("townshipId") REFERENCES "townships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_f8d965835223c60735fd7590fe4"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_554d853741f2083faaa5794d2ae"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP TABLE "app_settings"
        `);
  }
}
