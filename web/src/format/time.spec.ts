import { beijingToday, formatDate, formatDateTime } from './time';

describe('Beijing time formatting', () => {
  it('should show an instant in Beijing time without seconds or ISO letters', () => {
    expect(formatDateTime('2026-12-09T09:30:59.000Z')).toBe('2026-12-09 17:30');
  });

  it('should roll over to the next Beijing day after 16:00 UTC', () => {
    expect(formatDateTime('2026-12-31T16:05:00Z')).toBe('2027-01-01 00:05');
    expect(formatDate('2026-12-31T16:05:00Z')).toBe('2027-01-01');
    expect(beijingToday(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12-31');
  });

  it('should keep a calendar date as it is', () => {
    expect(formatDate('2026-12-09')).toBe('2026-12-09');
  });

  it('should show a dash for a missing or broken value', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatDate(undefined)).toBe('—');
  });
});
