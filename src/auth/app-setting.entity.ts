import { Column, Entity, PrimaryColumn } from 'typeorm';

// Small server-generated values every process must share (e.g. the token signing key when
// JWT_SECRET is not configured), kept in the database rather than in the repository or on one disk.
@Entity('app_settings')
export class AppSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}
