import { Column, Entity, PrimaryColumn } from 'typeorm';

// Failed-login counters shared by every API process (fixed windows): per client address, per account,
// per (account, trusted address). See LoginThrottleService.
@Entity('login_throttles')
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: 'int' })
  failures!: number;

  @Column({ type: 'timestamptz' })
  windowStartedAt!: Date;
}

// Addresses an account has signed in from successfully: throttling of other traffic from the same
// address (e.g. one office behind one NAT) does not lock these out (OWASP "device cookies" idea).
@Entity('trusted_logins')
export class TrustedLoginEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  username!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  address!: string;

  @Column({ type: 'timestamptz' })
  lastLoginAt!: Date;
}
