import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDay } from './calendar.types';

export interface LoadedCalendar {
  years: number[];
  days: CalendarDay[];
  // The fingerprint() of exactly the rows loaded (same statement, same snapshot).
  fingerprint: string;
}

export interface CalendarYearView {
  year: number;
  source: string;
  updatedAt: Date;
  updatedBy: string | null;
  days: CalendarDay[];
}

export interface CalendarYearSummary {
  year: number;
  source: string;
  updatedAt: Date;
  holidays: number;
  workdays: number;
}

// Dates leave the database as text ("date"::text): node-postgres would parse them into local-midnight
// Dates, which shifts the day on a server outside UTC+8.
const DAYS_JSON = `COALESCE(json_agg(json_build_object('date', d."date"::text, 'kind', d.kind, 'name', d.name)
                    ORDER BY d."date") FILTER (WHERE d."date" IS NOT NULL), '[]')`;

@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // Changes whenever any year is written (every write stamps a new revision). One row per year: cheap.
  async fingerprint(): Promise<string> {
    const rows: { fingerprint: string }[] = await this.dataSource.query(
      `SELECT COALESCE(string_agg(year || ':' || revision, ',' ORDER BY year), '') AS fingerprint
       FROM calendar_years`,
    );
    return rows[0].fingerprint;
  }

  // Every covered year with its days, in one statement so the fingerprint matches the data.
  async loadAll(): Promise<LoadedCalendar> {
    const rows: { year: number; revision: string; days: CalendarDay[] }[] = await this.dataSource.query(
      `SELECT y.year, y.revision::text AS revision, ${DAYS_JSON} AS days
       FROM calendar_years y LEFT JOIN calendar_days d ON d.year = y.year
       GROUP BY y.year ORDER BY y.year`,
    );
    return {
      years: rows.map((row) => row.year),
      days: rows.flatMap((row) => row.days),
      fingerprint: rows.map((row) => `${row.year}:${row.revision}`).join(','),
    };
  }

  async findYear(year: number): Promise<CalendarYearView | null> {
    const rows: CalendarYearView[] = await this.dataSource.query(
      `SELECT y.year, y.source, y."updatedAt", y."updatedBy", ${DAYS_JSON} AS days
       FROM calendar_years y LEFT JOIN calendar_days d ON d.year = y.year
       WHERE y.year = $1 GROUP BY y.year`,
      [year],
    );
    return rows[0] ?? null;
  }

  listYears(): Promise<CalendarYearSummary[]> {
    return this.dataSource.query(
      `SELECT y.year, y.source, y."updatedAt",
              count(*) FILTER (WHERE d.kind = 'holiday')::int AS holidays,
              count(*) FILTER (WHERE d.kind = 'workday')::int AS workdays
       FROM calendar_years y LEFT JOIN calendar_days d ON d.year = y.year
       GROUP BY y.year ORDER BY y.year`,
    );
  }

  // Replaces the year's notice and days in one transaction; returns the days it had before, or null
  // when the year was not covered. The upsert locks the year row first, so two admins replacing the
  // same year run one after the other and each sees the other's result as "before".
  replaceYear(
    year: number,
    source: string,
    days: readonly CalendarDay[],
    userId: string | null,
  ): Promise<CalendarDay[] | null> {
    return this.dataSource.transaction(async (manager) => {
      // xmax = 0 marks a freshly inserted row (an updated one carries the updating transaction's id).
      const upserted: { inserted: boolean }[] = await manager.query(
        `INSERT INTO calendar_years (year, source, "updatedBy") VALUES ($1, $2, $3)
         ON CONFLICT (year) DO UPDATE
           SET source = EXCLUDED.source, "updatedBy" = EXCLUDED."updatedBy",
               revision = gen_random_uuid(), "updatedAt" = now()
         RETURNING (xmax = 0) AS inserted`,
        [year, source, userId],
      );
      const before: CalendarDay[] = await manager.query(
        `SELECT "date"::text AS date, kind, name FROM calendar_days WHERE year = $1 ORDER BY "date"`,
        [year],
      );
      await manager.query(`DELETE FROM calendar_days WHERE year = $1`, [year]);
      await this.insertDays(manager, year, days, userId);
      return upserted[0].inserted ? null : before;
    });
  }

  // Seeding: writes the year only if it has no row yet (an admin's edits survive restarts). Safe when
  // API and worker seed at the same time: the second insert waits for the first and then does nothing.
  insertYearIfAbsent(year: number, source: string, days: readonly CalendarDay[]): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: { year: number }[] = await manager.query(
        `INSERT INTO calendar_years (year, source) VALUES ($1, $2) ON CONFLICT (year) DO NOTHING RETURNING year`,
        [year, source],
      );
      if (inserted.length === 0) return false;
      await this.insertDays(manager, year, days, null);
      return true;
    });
  }

  private async insertDays(
    manager: EntityManager,
    year: number,
    days: readonly CalendarDay[],
    userId: string | null,
  ): Promise<void> {
    if (days.length === 0) return;
    await manager.query(
      `INSERT INTO calendar_days ("date", year, kind, name, "updatedBy")
       SELECT t.date, $1::int, t.kind, t.name, $5::uuid
       FROM unnest($2::date[], $3::varchar[], $4::varchar[]) AS t(date, kind, name)`,
      [year, days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name), userId],
    );
  }
}
