import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CalendarDayKind } from './calendar.types';
import { CalendarYearEntity } from './calendar-year.entity';

// A date that breaks the weekend rule: a holiday (also the weekend days inside a holiday block) or a
// make-up workday. Every other date is a working day exactly when it is Monday–Friday.
@Entity('calendar_days')
@Check('CHK_calendar_days_kind', `"kind" IN ('holiday', 'workday')`)
@Check('CHK_calendar_days_year', `"year" = EXTRACT(YEAR FROM "date")`)
// Make-up workdays are only ever Saturdays or Sundays (ISODOW 6, 7).
@Check('CHK_calendar_days_workday_weekend', `"kind" <> 'workday' OR EXTRACT(ISODOW FROM "date") IN (6, 7)`)
@Index('IDX_calendar_days_year', ['year'])
export class CalendarDayEntity {
  // Kept as 'YYYY-MM-DD' text in queries ("date"::text): node-postgres would turn a date into a
  // local-midnight Date, which shifts the day on servers outside UTC+8.
  @PrimaryColumn({ type: 'date' })
  date!: string;

  // The calendar year of `date` (CHECK above); groups the rows of one notice.
  @Column({ type: 'int' })
  year!: number;

  @ManyToOne(() => CalendarYearEntity, (year) => year.days, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'year' })
  calendarYear?: CalendarYearEntity;

  @Column({ type: 'varchar', length: 10 })
  kind!: CalendarDayKind;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;
}
