import { maskIdentityNumber, maskPersonalData } from 'src/common/personal-data/masking';
import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { supervisionScopeOf } from 'src/auth/access-policy';
import { UserRole } from 'src/users/user-role';
import { MIN_CALENDAR_YEAR } from 'src/calendar/calendar.constants';
import { CalendarService } from 'src/calendar/calendar.service';
import {
  addCalendarDays,
  startOfChinaDay,
  toChinaDate,
  WorkingCalendar,
  yearOf,
} from 'src/calendar/working-days';
import { Clock } from 'src/common/clock/clock';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import {
  OverdueFilterDto,
  OverdueQueryDto,
  StatsQueryDto,
  SupervisionFilterDto,
} from './dto/supervision-query.dto';
import { BoardHistoryRepository, RollupState } from './board-history.repository';
import { SupervisionOptions, SupervisionOptionsRepository } from './supervision-options.repository';
import {
  CompletedStatsCell,
  OpenStatsCell,
  OverdueStepRow,
  ReturnedStepRow,
  SupervisionFilter,
  SupervisionRepository,
} from './supervision.repository';
import { assembleStats, StatsTables, UnitStats } from './supervision-stats';
import { MAX_EXPORT_ROWS, TrafficLight, UnitKind, YELLOW_WORKING_DAYS } from './supervision.constants';
import { dueDateThreshold, WorkingDayOrdinals, workingDayOrdinals } from './supervision-math';

export interface OverdueItem {
  stepId: string;
  // The applicant's 公民身份号码 only masked: supervisor lists and exports never need it in full.
  case: { id: string; title: string; subject: string; applicantIdNumber: string | null };
  duty: { id: string; name: string; category: string };
  template: { id: string; version: number };
  step: { position: number; lane: UnitKind; section: string | null; text: string; status: string };
  // Who holds the step: its department(s) for the department lane, the case's township otherwise.
  holder: { kind: UnitKind; ids: string[]; names: string[] };
  township: { id: string; name: string; county: string };
  heldSince: Date | null; // readyAt: since when the holder has had it
  dueDate: string;
  dueAt: Date;
  daysOverdue: number; // working days, today (China) vs dueDate
  workingDaysLeft: number; // working days after today up to the due date; 0 once overdue
  light: TrafficLight;
  escalationLevel: number;
}

export interface OverduePage {
  items: OverdueItem[];
  total: number;
  page: number;
  pageSize: number;
  asOf: Date;
  today: string;
}

export interface OverdueExport {
  county: string | undefined; // the county the filter is limited to (undefined: every county)
  asOf: Date;
  items: OverdueItem[];
  total: number;
  truncated: boolean; // more than MAX_EXPORT_ROWS matched; only the first ones are in `items`
  today: string;
}

// 退回补正 of a unit's steps (case_steps.returnCount summed), beside its on-time figures.
export interface UnitReturns {
  returns: number; // times the unit's steps were sent back for correction
  returnedSteps: number; // steps sent back at least once
}

export interface SupervisionStats {
  departments: (UnitStats & UnitReturns)[];
  townships: (UnitStats & UnitReturns)[];
  mostReturned: ReturnedStepRow[];
  asOf: Date;
  today: string;
}

export interface Moment {
  now: Date;
  today: string;
  calendar: WorkingCalendar;
}

// The steps sent back most often, listed with the statistics.
const MOST_RETURNED_STEPS = 20;

const ORDINAL_BASE = `${MIN_CALENDAR_YEAR}-01-01`;

// Supervisor views: who may see what, working days ↔ dates, and shaping rows. SQL is in the repository.
@Injectable()
export class SupervisionService {
  // One ordinal table per calendar snapshot (a calendar edit yields a new snapshot object).
  private readonly ordinals = new WeakMap<WorkingCalendar, WorkingDayOrdinals>();

  constructor(
    private readonly repository: SupervisionRepository,
    private readonly history: BoardHistoryRepository,
    private readonly optionsRepository: SupervisionOptionsRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async overdue(user: AuthUser, query: OverdueQueryDto): Promise<OverduePage> {
    const moment = await this.moment();
    const filter = this.overdueFilter(user, query, moment);
    const page = { now: moment.now, sort: query.sort, order: query.order };
    const [total, ids] = await Promise.all([
      this.repository.countOverdue(filter, moment.now),
      this.repository.overdueStepIds(filter, {
        ...page,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      }),
    ]);
    const rows = await this.repository.overdueDetails(ids);
    const items = rows.map((row) => toOverdueItem(row, moment));
    return {
      items,
      total,
      page: query.page,
      pageSize: query.pageSize,
      asOf: moment.now,
      today: moment.today,
    };
  }

  async overdueForExport(user: AuthUser, query: OverdueFilterDto): Promise<OverdueExport> {
    const moment = await this.moment();
    const filter = this.overdueFilter(user, query, moment);
    const page = { now: moment.now, sort: query.sort, order: query.order, limit: MAX_EXPORT_ROWS, offset: 0 };
    const [total, ids] = await Promise.all([
      this.repository.countOverdue(filter, moment.now),
      this.repository.overdueStepIds(filter, page),
    ]);
    const rows = await this.repository.overdueDetails(ids);
    const items = rows.map((row) => toOverdueItem(row, moment));
    return {
      county: filter.county,
      asOf: moment.now,
      items,
      total,
      truncated: total > items.length,
      today: moment.today,
    };
  }

  async stats(user: AuthUser, query: StatsQueryDto): Promise<SupervisionStats> {
    const moment = await this.moment();
    const filter = { ...this.baseFilter(user, query), ...readyRange(query) };
    const table = this.ordinalTable(moment);
    const [open, completed] = await Promise.all([
      this.repository.openStats(filter, moment.now),
      this.completedCells(filter, table),
    ]);
    const tables = await this.tablesOf(open, completed, filter, moment);
    const [returns, mostReturned] = await Promise.all([
      this.repository.returnsByUnit(filter),
      this.repository.mostReturnedSteps(filter, MOST_RETURNED_STEPS),
    ]);
    const withReturns = (kind: UnitKind, rows: UnitStats[]): (UnitStats & UnitReturns)[] =>
      rows.map((row) => {
        const cell = returns.find((r) => r.kind === kind && r.unitId === row.unitId);
        return { ...row, returns: cell?.returns ?? 0, returnedSteps: cell?.returnedSteps ?? 0 };
      });
    return {
      departments: withReturns('department', tables.departments),
      townships: withReturns('township', tables.townships),
      mostReturned,
      asOf: moment.now,
      today: moment.today,
    };
  }

  // Only the open and overdue columns (the board's charts): the same cells and the same assembly as
  // stats(), without the completions and 退回补正 the charts do not show.
  async openTables(user: AuthUser, query: SupervisionFilterDto): Promise<StatsTables> {
    const moment = await this.moment();
    const filter = this.baseFilter(user, query);
    return this.tablesOf(await this.repository.openStats(filter, moment.now), [], filter, moment);
  }

  private async tablesOf(
    open: OpenStatsCell[],
    completed: CompletedStatsCell[],
    filter: SupervisionFilter,
    moment: Moment,
  ): Promise<StatsTables> {
    const ids = (kind: UnitKind): string[] => [
      ...new Set([...open, ...completed].filter((c) => c.kind === kind).map((c) => c.unitId)),
    ];
    const names = await this.repository.unitNames(ids('department'), ids('township'));
    return assembleStats({ open, completed, names, ...moment, departmentId: filter.departmentId });
  }

  // The roll-up answers unless the filter needs what it does not keep (duty, readyAt range) or it was
  // built with another calendar; the full scan gives the same numbers, slower.
  // `fromMonth`: the per-month roll-up must reach back that far.
  async usableRollup(filter: SupervisionFilter, fromMonth?: string): Promise<RollupState | null> {
    if (filter.templateId || filter.dutyId || filter.readyFrom || filter.readyBefore) return null;
    const [state, fingerprint] = await Promise.all([this.history.rollupState(), this.calendar.fingerprint()]);
    if (state === null || state.calendarFingerprint !== fingerprint) return null;
    return fromMonth === undefined || fromMonth >= state.monthlyFrom ? state : null;
  }

  private async completedCells(
    filter: SupervisionFilter,
    table: WorkingDayOrdinals,
  ): Promise<CompletedStatsCell[]> {
    const rollup = await this.usableRollup(filter);
    if (rollup) return this.history.unitCells(filter, table, rollup);
    return this.repository.completedStats(filter, table.base, table.ordinals);
  }

  // A department's 负责人 picks among their own department only, a township's among their township.
  async options(user: AuthUser, query: SupervisionFilterDto): Promise<SupervisionOptions> {
    const filter = this.baseFilter(user, query);
    const options = await this.optionsRepository.options(filter.county);
    if (user.role === UserRole.DepartmentStaff) {
      return { ...options, departments: options.departments.filter((d) => d.id === filter.departmentId) };
    }
    if (user.role === UserRole.TownshipStaff) {
      return { ...options, townships: options.townships.filter((t) => t.id === filter.townshipId) };
    }
    return options;
  }

  async moment(): Promise<Moment> {
    const now = this.clock.now();
    return { now, today: toChinaDate(now), calendar: await this.calendar.snapshot() };
  }

  private overdueFilter(user: AuthUser, query: OverdueFilterDto, moment: Moment): SupervisionFilter {
    const filter: SupervisionFilter = {
      ...this.baseFilter(user, query),
      light: query.light,
      yellowUntil: moment.calendar.addWorkingDays(moment.today, YELLOW_WORKING_DAYS).date,
    };
    // 0 adds nothing: every overdue step is at least 0 working days overdue.
    if (query.minDaysOverdue) {
      filter.maxDueDate = dueDateThreshold(moment.calendar, moment.today, query.minDaysOverdue);
    }
    return filter;
  }

  // Who sees what is the access policy's (supervisionScopeOf): admins every county, a supervisor their
  // own, a department's 负责人 only their department's work.
  baseFilter(user: AuthUser, query: SupervisionFilterDto): SupervisionFilter {
    const scope = supervisionScopeOf(user, {
      county: query.county,
      departmentId: query.department,
      townshipId: query.township,
    });
    return {
      townshipId: scope.townshipId,
      departmentId: scope.departmentId,
      category: query.category,
      templateId: query.template,
      dutyId: query.duty,
      county: scope.county,
    };
  }

  // Ordinals from 2000-01-01 to the end of next year: every readyAt/completedAt the data can hold.
  ordinalTable(moment: Moment): WorkingDayOrdinals {
    const last = `${yearOf(moment.today) + 1}-12-31`;
    const cached = this.ordinals.get(moment.calendar);
    if (
      cached &&
      cached.ordinals.length > 0 &&
      addCalendarDays(cached.base, cached.ordinals.length - 1) >= last
    ) {
      return cached;
    }
    const table = workingDayOrdinals(moment.calendar, ORDINAL_BASE, last);
    this.ordinals.set(moment.calendar, table);
    return table;
  }
}

function readyRange(query: StatsQueryDto): Pick<SupervisionFilter, 'readyFrom' | 'readyBefore'> {
  if (query.from && query.to && query.from > query.to) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误：from 不能晚于 to', {
      fields: [{ field: 'from', problems: ['不能晚于 to'] }],
    });
  }
  return {
    readyFrom: query.from ? startOfChinaDay(query.from) : undefined,
    readyBefore: query.to ? startOfChinaDay(addCalendarDays(query.to, 1)) : undefined,
  };
}

function trafficLight(dueAt: Date, moment: Moment): TrafficLight {
  if (new Date(dueAt) < moment.now) return 'red';
  const yellowUntil = moment.calendar.addWorkingDays(moment.today, YELLOW_WORKING_DAYS).date;
  return toChinaDate(new Date(dueAt)) <= yellowUntil ? 'yellow' : 'green';
}

function toOverdueItem(row: OverdueStepRow, moment: Moment): OverdueItem {
  const byDepartment = row.lane === 'department';
  return {
    stepId: row.stepId,
    case: {
      id: row.caseId,
      title: maskPersonalData(row.caseTitle),
      subject: row.caseSubject,
      applicantIdNumber: maskIdentityNumber(row.caseApplicantIdNumber),
    },
    duty: { id: row.dutyId, name: row.dutyName, category: row.dutyCategory },
    template: { id: row.templateId, version: row.templateVersion },
    step: {
      position: row.position,
      lane: row.lane,
      section: row.section,
      text: row.text,
      status: row.status,
    },
    holder: {
      kind: row.lane,
      ids: byDepartment ? row.assigneeDepartmentIds : [row.townshipId],
      names: byDepartment ? row.departmentNames : [row.townshipName],
    },
    township: { id: row.townshipId, name: row.townshipName, county: row.county },
    heldSince: row.readyAt,
    dueDate: row.dueDate,
    dueAt: row.dueAt,
    daysOverdue: moment.calendar.workingDaysOverdue(row.dueDate, moment.today),
    workingDaysLeft: Math.max(0, moment.calendar.workingDaysBetween(moment.today, row.dueDate).workingDays),
    light: trafficLight(row.dueAt, moment),
    escalationLevel: row.escalationLevel,
  };
}
