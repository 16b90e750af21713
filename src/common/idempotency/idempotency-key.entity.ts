import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

// The first answer to a POST sent with an Idempotency-Key, replayed for repeats of that key.
// responseStatus is null while the first request is still running.
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  key!: string;

  @Column({ type: 'varchar', length: 300 })
  route!: string;

  @Column({ type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ type: 'int', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody!: unknown;

  // What the unit of work produced, written in the work's own transaction (see idempotent-work.ts):
  // set means the work committed, so the key is never taken over or released, only replayed.
  @Column({ type: 'jsonb', nullable: true })
  committedResults!: unknown[] | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
