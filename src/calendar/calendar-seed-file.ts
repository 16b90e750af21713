import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from 'src/common/errors/domain.error';
import { projectRoot } from 'src/common/project-root';
import { CALENDAR_INVALID } from './calendar.constants';
import { assertValidCalendarYear } from './calendar-year.validation';
import { CalendarDay, CalendarDayKind } from './calendar.types';

export interface CalendarSeedYear {
  year: number;
  source: string;
  publishedAt?: string;
  sourceUrl?: string;
  // false: the dates were not checked against the published notice yet.
  verified: boolean;
  days: CalendarDay[];
}

export interface CalendarSeedFile {
  years: CalendarSeedYear[];
}

export const DEFAULT_CALENDAR_SEED_FILE = (): string =>
  join(projectRoot(), 'seeds', 'calendar', 'cn-working-calendar.json');

// Reads and checks the whole file before anything is written: one bad year means nothing is seeded.
export async function readCalendarSeedFile(path: string): Promise<CalendarSeedFile> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new DomainError(CALENDAR_INVALID, `工作日历数据文件不存在或无法读取：${path}`);
  });
  return parseCalendarSeedFile(text, path);
}

export function parseCalendarSeedFile(text: string, path: string): CalendarSeedFile {
  const invalid = (problem: string): DomainError =>
    new DomainError(CALENDAR_INVALID, `工作日历数据文件 ${path} 有误：${problem}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid('不是有效的 JSON');
  }
  const years = isRecord(data) && Array.isArray(data.years) ? (data.years as unknown[]) : null;
  if (!years) throw invalid('缺少 years 数组');
  const parsed = years.map((entry, index) => toSeedYear(entry) ?? invalidYear(invalid, index));
  for (const year of parsed) {
    assertValidCalendarYear(
      year.year,
      year.source,
      year.days,
      `工作日历数据文件 ${path} 中 ${year.year} 年有误`,
    );
  }
  if (new Set(parsed.map((y) => y.year)).size !== parsed.length) throw invalid('同一年份出现了两次');
  return { years: parsed };
}

function invalidYear(invalid: (problem: string) => DomainError, index: number): never {
  throw invalid(`years[${index}] 应包含 year（整数）、source（文本）和 days（{date, kind, name} 数组）`);
}

function toSeedYear(entry: unknown): CalendarSeedYear | null {
  if (!isRecord(entry) || typeof entry.year !== 'number' || typeof entry.source !== 'string') return null;
  if (!Array.isArray(entry.days)) return null;
  const days = (entry.days as unknown[]).map(toDay);
  if (days.some((day) => day === null)) return null;
  return {
    year: entry.year,
    source: entry.source,
    publishedAt: typeof entry.publishedAt === 'string' ? entry.publishedAt : undefined,
    sourceUrl: typeof entry.sourceUrl === 'string' ? entry.sourceUrl : undefined,
    verified: entry.verified !== false,
    days: days as CalendarDay[],
  };
}

function toDay(entry: unknown): CalendarDay | null {
  if (!isRecord(entry)) return null;
  const { date, kind, name } = entry;
  if (typeof date !== 'string' || typeof kind !== 'string' || typeof name !== 'string') return null;
  // The kind itself is checked by assertValidCalendarYear, with a field name.
  return { date, kind: kind as CalendarDayKind, name };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
