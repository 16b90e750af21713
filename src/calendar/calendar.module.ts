import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarSeeder } from './calendar.seeder';
import { CalendarService } from './calendar.service';

@Module({
  controllers: [CalendarController],
  providers: [CalendarRepository, CalendarService, CalendarSeeder],
  exports: [CalendarService, CalendarSeeder],
})
export class CalendarModule {}
