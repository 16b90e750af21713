import { CalendarDay } from './calendar.types';
import { addCalendarDays, dayOfWeek, isCalendarDate, yearOf } from './working-days';

// Reads the text of the State Council's 《国务院办公厅关于YYYY年部分节假日安排的通知》 and proposes the
// year's holidays and make-up workdays (调休上班). Pure: text in, proposal out; an admin confirms it.
// Each numbered item ("二、春节：1月28日（农历除夕、周二）至2月4日（…）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。")
// names the festival, a holiday range (or one day) and the workdays. Weekdays written in the text and
// "共N天" are cross-checked; a mismatch is reported, never silently corrected.

export interface NoticeProposal {
  year: number | null;
  source: string | null; // the notice's title (and 文号 when present)
  days: CalendarDay[]; // days of `year`, sorted by date
  otherYearDays: CalendarDay[]; // days the notice moves into a neighbouring year (e.g. 元旦 from 12-30)
  warnings: string[];
}

const CN_WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const ITEM = /(?:^|\n|\s)[一二三四五六七八九十]+、\s*([^：:\n]{1,30})[：:]([^\n]*)/g;
// A date with optional year and month (filled from the previous date), then an optional note in brackets.
const DATE = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日\s*(?:[（(]([^）)]*)[）)])?/g;

interface ReadDate {
  date: string;
  weekdayText: string | null;
  index: number; // position in the sentence
  end: number;
}

export function readHolidayNotice(text: string, expectedYear?: number): NoticeProposal {
  const normalized = normalize(text);
  const warnings: string[] = [];
  const year = expectedYear ?? findYear(normalized);
  if (year === null) {
    return {
      year,
      source: null,
      days: [],
      otherYearDays: [],
      warnings: ['未能识别通知所属年份：请粘贴包含“××××年部分节假日安排”的通知全文'],
    };
  }
  const found = new Map<string, CalendarDay>();
  let items = 0;
  for (const match of normalized.matchAll(ITEM)) {
    const name = match[1].trim();
    if (!/[节旦]/.test(name)) continue; // numbered paragraphs that are not festivals
    items += 1;
    for (const day of readItem(name, match[2], year, warnings)) addDay(found, day, warnings);
  }
  if (items === 0) warnings.push('未找到“一、元旦：……”这样的分项安排，请检查粘贴的通知全文');
  const all = [...found.values()].sort((a, b) => a.date.localeCompare(b.date));
  return {
    year,
    source: findSource(normalized),
    days: all.filter((d) => yearOf(d.date) === year),
    otherYearDays: all.filter((d) => yearOf(d.date) !== year),
    warnings,
  };
}

function normalize(text: string): string {
  // Full-width digits and spaces appear in copied web pages and PDFs.
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\r\n?/g, '\n')
    .replace(/[\u3000\t ]+/g, ' ')
    .replace(/星期/g, '周');
}

function findYear(text: string): number | null {
  const match = /(\d{4})\s*年\s*(?:部分)?节假日安排/.exec(text) ?? /现将\s*(\d{4})\s*年/.exec(text);
  return match ? Number(match[1]) : null;
}

function findSource(text: string): string | null {
  const title = /[^\n]*关于\s*\d{4}\s*年部分节假日安排的通知/.exec(text);
  if (!title) return null;
  const number = /[^\n]*发[^\n]*〔\d{4}〕\d+号/.exec(text);
  const base = title[0].trim();
  return number ? `${base}（${number[0].trim()}）` : base;
}

function readItem(name: string, body: string, year: number, warnings: string[]): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (const sentence of body.split(/[。；;]/)) {
    const dates = readDates(sentence, year, name, warnings);
    if (dates.length === 0) continue;
    if (/上班/.test(sentence) && !/放假/.test(sentence)) {
      days.push(...dates.map((d) => ({ date: d.date, kind: 'workday' as const, name: `${name}调休上班` })));
    } else if (/放假/.test(sentence)) {
      days.push(...holidayRange(sentence, dates, name, warnings));
    }
  }
  return days;
}

// "A至B放假" → every day from A to B; "A放假" → A alone. "共N天" must agree.
function holidayRange(sentence: string, dates: ReadDate[], name: string, warnings: string[]): CalendarDay[] {
  const [first, second] = dates;
  const isRange =
    second !== undefined && /^\s*[至到\-—~～]\s*$/.test(sentence.slice(first.end, second.index));
  const last = isRange ? second.date : first.date;
  const range: CalendarDay[] = [];
  for (let date = first.date; date <= last; date = addCalendarDays(date, 1)) {
    range.push({ date, kind: 'holiday', name });
    if (range.length > 31) break;
  }
  if (last < first.date || range.length > 31) {
    warnings.push(`${name}：放假区间 ${first.date} 至 ${last} 无法识别，请核对`);
    return [];
  }
  const total = /共\s*(\d+)\s*天/.exec(sentence) ?? /放假\s*(\d+)\s*天/.exec(sentence);
  if (total && Number(total[1]) !== range.length) {
    warnings.push(
      `${name}：通知写“共${total[1]}天”，但 ${first.date} 至 ${last} 是 ${range.length} 天，请核对`,
    );
  }
  return range;
}

function readDates(sentence: string, year: number, name: string, warnings: string[]): ReadDate[] {
  const dates: ReadDate[] = [];
  let currentYear = year;
  let month: number | null = null;
  for (const match of sentence.matchAll(DATE)) {
    if (match[1]) currentYear = Number(match[1]);
    if (match[2]) month = Number(match[2]);
    if (month === null) continue;
    const date = `${currentYear}-${pad(month)}-${pad(Number(match[3]))}`;
    if (!isCalendarDate(date)) {
      warnings.push(`${name}：“${match[0].trim()}”不是有效日期`);
      continue;
    }
    const weekdayText = weekdayIn(match[4]);
    if (weekdayText !== null && CN_WEEKDAYS[weekdayText.slice(-1)] !== dayOfWeek(date)) {
      warnings.push(
        `${name}：${date} 是${WEEKDAY_LABELS[dayOfWeek(date)]}，通知写的是“${weekdayText}”，请核对`,
      );
    }
    dates.push({ date, weekdayText, index: match.index, end: match.index + match[0].length });
  }
  return dates;
}

// "农历除夕、周二" → "周二".
function weekdayIn(note: string | undefined): string | null {
  const match = note ? /周([日天一二三四五六])/.exec(note) : null;
  return match ? `周${match[1]}` : null;
}

function addDay(found: Map<string, CalendarDay>, day: CalendarDay, warnings: string[]): void {
  const existing = found.get(day.date);
  if (!existing) {
    found.set(day.date, day);
    return;
  }
  if (existing.kind !== day.kind) {
    warnings.push(`${day.date} 既被写为放假又被写为上班，请核对`);
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
