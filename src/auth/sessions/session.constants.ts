// The browser's sign-in cookie (httpOnly) and the readable cookie carrying the CSRF token.
export const SESSION_COOKIE = 'dutyflow_session';
export const CSRF_COOKIE = 'dutyflow_csrf';
export const CSRF_HEADER = 'x-csrf-token';
// lastSeenAt is written at most this often, so reading pages does not write a row per request.
export const SESSION_TOUCH_INTERVAL_MS = 60_000;
