import { Check, Column, Generated, Entity, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { CalendarDayEntity } from './calendar-day.entity';

// One year whose State Council notice is loaded. A year without a row is "not covered": the weekend
// rule applies there and results say beyondCoveredYears.
@Entity('calendar_years')
@Check('CHK_calendar_years_year', `"year" BETWEEN 2000 AND 2100`)
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  // The notice's title and number, e.g. 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）.
  @Column({ type: 'text' })
  source!: string;

  // New on every write of the year; processes compare these to know their cached calendar is stale.
  // @Generated (not a raw default) so migration:check does not see a perpetual default change.
  @Column({ type: 'uuid' })
  @Generated('uuid')
  revision!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  // The admin who last replaced the year; null when it came from the seed file. No foreign key:
  // an audit note must not stop a user from being removed.
  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @OneToMany(() => CalendarDayEntity, (day) => day.calendarYear)
  days?: CalendarDayEntity[];
}
