import { MigrationInterface, QueryRunner } from 'typeorm';

// Hand-written: TypeORM does not notice a changed CHECK expression, and the outbox and notification types now
// include 催办反馈 (urge_replied) and 撤回 (step_withdrawn).
const TYPES = [
  'step_ready',
  'step_returned',
  'step_reassigned',
  'step_reminder',
  'step_overdue',
  'step_escalated',
  'step_urged',
  'urge_replied',
  'step_withdrawn',
  'overdue_digest',
];
const PREVIOUS = TYPES.filter((type) => type !== 'urge_replied' && type !== 'step_withdrawn');

const TABLES = ['notifications', 'outbox_events'];

const constraint = (table: string, types: string[]): string =>
  `ALTER TABLE "${table}" ADD CONSTRAINT "CHK_${table}_type" CHECK ("type" IN (${types
    .map((type) => `'${type}'`)
    .join(', ')}))`;

export class NotificationTypesUrgeReplyWithdraw1796164106348 implements MigrationInterface {
  name = 'NotificationTypesUrgeReplyWithdraw1796164106348';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "CHK_${table}_type"`);
      await queryRunner.query(constraint(table, TYPES));
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "CHK_${table}_type"`);
      await queryRunner.query(constraint(table, PREVIOUS));
    }
  }
}
