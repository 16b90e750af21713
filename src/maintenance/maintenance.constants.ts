// Reconciliation of jobs with database rows: how often unfinished imports are checked for a job.
export const JOB_REVIVAL_EVERY_MS = 60_000;

// Retention runs every night at 03:10 China time, in batches so no statement holds locks for long.
export const RETENTION_CRON = '10 3 * * *';
export const RETENTION_TIMEZONE = 'Asia/Shanghai';
export const RETENTION_BATCH_SIZE = 1_000;
// One run deletes at most this many batches per table; a bigger backlog is finished the next night.
export const RETENTION_MAX_BATCHES = 200;
