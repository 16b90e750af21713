// Every time a person reads is Beijing time (Asia/Shanghai, also the official time in Xinjiang):
// `2026-12-09 17:30`, dates `2026-12-09`. Never an ISO string.
const BEIJING_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(instant: Date): Record<string, string> {
  return Object.fromEntries(BEIJING_PARTS.formatToParts(instant).map((part) => [part.type, part.value]));
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(value: string | Date | null | undefined): string {
  const date = toDate(value);
  if (!date) return '—';
  const p = parts(date);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

// A calendar date (YYYY-MM-DD from the server) stays as it is; an instant becomes its Beijing date.
export function formatDate(value: string | Date | null | undefined): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = toDate(value);
  if (!date) return '—';
  const p = parts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

// Today's date in Beijing, the day working days are counted from.
export function beijingToday(now: Date = new Date()): string {
  return formatDate(now);
}
