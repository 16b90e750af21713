import { shallowRef } from 'vue';
import { WorkingCalendar } from '@calendar/working-days';
import { api } from '@/api/client';
import { beijingToday } from '@/format/time';

// The server's holiday and 调休 calendar, loaded once per page load, for working days left / overdue.
// Until it arrives (or if it cannot be read) the weekend rule stands in.
export const workingCalendar = shallowRef(new WorkingCalendar([], []));
let loading: Promise<void> | null = null;

interface YearDays {
  days: { date: string; kind: 'holiday' | 'workday' }[];
}

export function loadWorkingCalendar(): Promise<void> {
  loading ??= (async () => {
    const year = Number(beijingToday().slice(0, 4));
    const years = [year - 1, year, year + 1];
    const answers = await Promise.all(
      years.map((y) => api.GET('/api/calendar/years/{year}', { params: { path: { year: y } } })),
    );
    const covered: number[] = [];
    const days: YearDays['days'] = [];
    answers.forEach(({ data, response }, index) => {
      if (!response.ok || !data) return;
      covered.push(years[index]);
      days.push(...(data as unknown as YearDays).days);
    });
    workingCalendar.value = new WorkingCalendar(days, covered);
  })().catch(() => undefined);
  return loading;
}
