import { Injectable, Logger } from '@nestjs/common';
import { DEFAULT_CALENDAR_SEED_FILE, readCalendarSeedFile } from './calendar-seed-file';
import { CalendarRepository } from './calendar.repository';
import { CalendarService, describeChange } from './calendar.service';

export interface CalendarSeedResult {
  seeded: number[];
  skipped: number[];
}

// Start-up seeding of seeds/calendar/cn-working-calendar.json. A year is written only when the
// database has no row for it, so an admin's edit is never overwritten by a restart; running it again
// writes nothing.
@Injectable()
export class CalendarSeeder {
  private readonly logger = new Logger(CalendarSeeder.name);

  constructor(
    private readonly repository: CalendarRepository,
    private readonly calendar: CalendarService,
  ) {}

  async seedFromFile(path = DEFAULT_CALENDAR_SEED_FILE()): Promise<CalendarSeedResult> {
    const file = await readCalendarSeedFile(path);
    const result: CalendarSeedResult = { seeded: [], skipped: [] };
    for (const year of file.years) {
      if (!year.verified) this.logger.warn(`${year.year} 年节假日数据尚未与国务院办公厅通知核对`);
      const inserted = await this.repository.insertYearIfAbsent(year.year, year.source, year.days);
      if (!inserted) {
        result.skipped.push(year.year);
        continue;
      }
      result.seeded.push(year.year);
      await this.calendar.publishChange(describeChange(year.year, null, year.days));
    }
    if (result.seeded.length > 0) this.logger.log(`已写入 ${result.seeded.join('、')} 年节假日安排`);
    return result;
  }
}
