import { ErrorCode } from 'src/common/errors/error-codes';

// How stale a process's cached calendar may be: each process re-checks the database fingerprint at most
// this often (see CalendarService.snapshot). An edit in another process is seen within this time.
export const CALENDAR_CHECK_INTERVAL_MS = 5_000;

// Largest N accepted by the API (about 14 years of working days).
export const MAX_WORKING_DAYS = 3650;

// Years an admin may edit; also a CHECK on calendar_years.
export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

export const MAX_DAY_NAME_LENGTH = 50;

// Bad calendar content (date outside the year, duplicate, weekday make-up workday) is a 422.
export const CALENDAR_INVALID = ErrorCode.CALENDAR_INVALID;
