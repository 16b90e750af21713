import { Injectable, Logger } from '@nestjs/common';
import { CalendarService } from 'src/calendar/calendar.service';
import { startOfChinaDay, toChinaDate } from 'src/calendar/working-days';
import { Clock } from 'src/common/clock/clock';
import { BoardHistoryRepository } from './board-history.repository';
import { addMonths } from './supervision-math';
import { SupervisionService } from './supervision.service';

export interface BoardHistoryResult {
  day: string;
  snapshotRows: number;
  rollupRows: number;
}

// Writes today's snapshot and rebuilds the roll-up. Safe to run again: both replace what they write.
@Injectable()
export class BoardHistoryService {
  private readonly logger = new Logger(BoardHistoryService.name);

  constructor(
    private readonly history: BoardHistoryRepository,
    private readonly supervision: SupervisionService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async record(): Promise<BoardHistoryResult> {
    const now = this.clock.now();
    const day = toChinaDate(now);
    const snapshotRows = await this.history.writeSnapshot(day, now);
    const rollupRows = await this.rebuildRollup();
    this.logger.log(`督办看板历史：${day} 快照 ${snapshotRows} 行，办结汇总 ${rollupRows} 行`);
    return { day, snapshotRows, rollupRows };
  }

  // Everything completed before today (China) goes into the roll-up, built with the current calendar.
  async rebuildRollup(): Promise<number> {
    const fingerprint = await this.calendar.fingerprint();
    const moment = await this.supervision.moment();
    const table = this.supervision.ordinalTable(moment);
    const monthlyFrom = addMonths(`${moment.today.slice(0, 7)}-01`, -1);
    return this.history.rebuildRollup(startOfChinaDay(moment.today), monthlyFrom, fingerprint, table);
  }
}
