import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UNIT_ID_MAX_LENGTH, UnitKind, UNIT_KINDS_SQL } from './unit-kind';

// Where a unit wants its notifications POSTed. A table of its own so departments and townships stay
// as they are; unitId has no FK for the same reason as notifications."unitId".
@Entity('unit_webhooks')
@Check('CHK_unit_webhooks_unit_kind', `"unitKind" IN (${UNIT_KINDS_SQL})`)
export class UnitWebhookEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  unitKind!: UnitKind;

  // Department or township uuid, or county name (see UnitKind).
  @PrimaryColumn({ type: 'varchar', length: UNIT_ID_MAX_LENGTH })
  unitId!: string;

  @Column({ type: 'text' })
  url!: string;

  // HMAC-SHA256 key for X-Dutyflow-Signature. Stored as given (the server must sign with it); the API
  // only ever says whether one is set.
  @Column({ type: 'text', nullable: true })
  secret!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
