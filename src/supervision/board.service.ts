import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { addCalendarDays, dayOfWeek, startOfChinaDay } from 'src/calendar/working-days';
import { SupervisionFilterDto } from './dto/supervision-query.dto';
import { BoardHistoryRepository, MonthCompletedCell } from './board-history.repository';
import { AGING_BUCKETS, AgingBucketKey } from './supervision.constants';
import { SupervisionFilter, SupervisionRepository } from './supervision.repository';
import { SupervisionService } from './supervision.service';
import { StatsTables, UnitStats } from './supervision-stats';
import { addMonths } from './supervision-math';

export const BOARD_WEEKS = 12;

export interface BoardCard {
  value: number | null;
  lastMonth: number | null; // the same figure for last month (counts: at its end); null when unknown
}

export interface Board {
  asOf: Date;
  today: string;
  month: string; // YYYY-MM of "this month"
  cards: {
    openCases: BoardCard;
    openSteps: BoardCard;
    overdueSteps: BoardCard;
    onTimeRate: BoardCard; // completions this month finished by their deadline, 0…1
    averageWorkingDays: BoardCard; // ready → completed, completions this month
  };
  byDepartment: { unitId: string; unitName: string; overdue: number }[];
  byTownship: { unitId: string; unitName: string; overdue: number }[];
  aging: { key: AgingBucketKey; label: string; department: number; township: number }[];
  // Oldest first; the last week is the current one (live), earlier ones from the daily snapshots
  // taken at the start of the following Monday (null when no snapshot was taken then).
  weekly: { weekStart: string; weekEnd: string; overdue: number | null; live: boolean }[];
}

// The 督办看板: cards with last month's figure, charts (from the same open-step cells and assembly as the
// statistics the API serves, so the numbers agree by construction) and the 12-week overdue history.
@Injectable()
export class BoardService {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly repository: SupervisionRepository,
    private readonly history: BoardHistoryRepository,
  ) {}

  async board(user: AuthUser, query: SupervisionFilterDto): Promise<Board> {
    const moment = await this.supervision.moment();
    const filter = this.supervision.baseFilter(user, query);
    const thisMonth = `${moment.today.slice(0, 7)}-01`;
    const lastMonth = addMonths(thisMonth, -1);
    const weeks = weekRanges(moment.today, BOARD_WEEKS);
    const snapshotDays = [thisMonth, ...weeks.slice(0, -1).map((w) => addCalendarDays(w.weekEnd, 1))];
    const [tables, steps, cases, months, points] = await Promise.all([
      this.supervision.openTables(user, query),
      this.repository.openStepCounts(filter, moment.now),
      this.repository.openCaseCounts(filter, startOfChinaDay(thisMonth)),
      this.monthCells(filter, lastMonth, moment),
      this.history.snapshotPoints(filter, snapshotDays),
    ]);
    const atDay = new Map(points.map((p) => [p.day, p]));
    const monthStart = atDay.get(thisMonth);
    const [rateNow, rateBefore] = [thisMonth, lastMonth].map((m) => completionFigures(months, m));
    return {
      asOf: moment.now,
      today: moment.today,
      month: thisMonth.slice(0, 7),
      cards: {
        openCases: { value: cases.now, lastMonth: cases.then },
        openSteps: { value: steps.open, lastMonth: monthStart?.open ?? null },
        overdueSteps: { value: steps.overdue, lastMonth: monthStart?.overdue ?? null },
        onTimeRate: { value: rateNow.onTimeRate, lastMonth: rateBefore.onTimeRate },
        averageWorkingDays: { value: rateNow.averageWorkingDays, lastMonth: rateBefore.averageWorkingDays },
      },
      ...charts(tables),
      weekly: weeks.map((week, i) => {
        const live = i === weeks.length - 1;
        const point = atDay.get(addCalendarDays(week.weekEnd, 1));
        return { ...week, overdue: live ? steps.overdue : (point?.overdue ?? null), live };
      }),
    };
  }

  private async monthCells(
    filter: SupervisionFilter,
    fromMonth: string,
    moment: Awaited<ReturnType<SupervisionService['moment']>>,
  ): Promise<MonthCompletedCell[]> {
    const table = this.supervision.ordinalTable(moment);
    const rollup = await this.supervision.usableRollup(filter, fromMonth);
    if (rollup) return this.history.monthCells(filter, fromMonth, table, rollup);
    return this.repository.completedMonthCells(filter, fromMonth, table.base, table.ordinals);
  }
}

function charts(stats: StatsTables): Pick<Board, 'byDepartment' | 'byTownship' | 'aging'> {
  const bars = (rows: UnitStats[]) =>
    rows
      .filter((r) => r.overdue > 0)
      .map((r) => ({ unitId: r.unitId, unitName: r.unitName, overdue: r.overdue }));
  const sum = (rows: UnitStats[], key: AgingBucketKey): number => rows.reduce((t, r) => t + r.aging[key], 0);
  return {
    byDepartment: bars(stats.departments),
    byTownship: bars(stats.townships),
    aging: AGING_BUCKETS.map((b) => ({
      key: b.key,
      label: b.label,
      department: sum(stats.departments, b.key),
      township: sum(stats.townships, b.key),
    })),
  };
}

export function completionFigures(
  cells: readonly MonthCompletedCell[],
  month: string,
): { onTimeRate: number | null; averageWorkingDays: number | null } {
  let onTime = 0;
  let total = 0;
  let days = 0;
  let timed = 0;
  for (const cell of cells.filter((c) => c.month === month)) {
    total += cell.n;
    if (cell.onTime) onTime += cell.n;
    if (cell.workingDays !== null) {
      days += cell.workingDays * cell.n;
      timed += cell.n;
    }
  }
  return {
    onTimeRate: total === 0 ? null : Math.round((onTime / total) * 10_000) / 10_000,
    averageWorkingDays: timed === 0 ? null : Math.round((days / timed) * 10) / 10,
  };
}

// The last `count` Monday–Sunday weeks (China dates), oldest first, the current week last.
export function weekRanges(today: string, count: number): { weekStart: string; weekEnd: string }[] {
  const monday = addCalendarDays(today, -((dayOfWeek(today) + 6) % 7));
  return Array.from({ length: count }, (_, i) => {
    const weekStart = addCalendarDays(monday, -7 * (count - 1 - i));
    return { weekStart, weekEnd: addCalendarDays(weekStart, 6) };
  });
}
