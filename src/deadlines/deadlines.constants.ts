// The supervision ladder of a step's deadline, in working time (named so the README and tests agree).

// The reminder's time (REMINDER_FRACTION, REMINDER_HOUR_CHINA) belongs to the step's clock:
// src/workflow/step-clock.ts.

// Escalation rungs: working days after the due date (end of that working day, China time).
// Rung 1 goes to the holder's leadership (部门负责人 / 乡镇领导), rung 2 to the county supervisors.
export const ESCALATION_AFTER_WORKING_DAYS: Record<1 | 2, number> = { 1: 2, 2: 5 };
export const MAX_ESCALATION_LEVEL = 2;

// The reconciling sweep: how often, and how much one run may do (bounded batches).
export const SWEEP_EVERY_MS = 30_000;
export const SWEEP_BATCH_SIZE = 500;
export const SWEEP_MAX_BATCHES = 20;

// Daily digest to each county's supervisors, 08:30 China time.
export const DIGEST_CRON = '30 8 * * *';
export const DIGEST_TIMEZONE = 'Asia/Shanghai';
