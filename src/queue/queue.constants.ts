// The written contract of every queue: names, job names, payloads and retention. Producers and
// processors import from here only.

export enum QueueName {
  Imports = 'imports',
  Notifications = 'notifications',
  // The deadline ladder: reminder/overdue/escalation rungs, its sweep, re-timing and the daily digest.
  Deadlines = 'deadlines',
  // The engine's background work: re-timing open cases after a template version changed durations.
  Workflow = 'workflow',
  // The 督办看板's daily history: snapshot of open and overdue steps, rebuilt completed-steps roll-up.
  Board = 'board',
  // Reconciliation of jobs with their database rows, and retention of growing tables.
  Maintenance = 'maintenance',
}

export enum JobName {
  ImportDutyList = 'import-duty-list',
  // Scheduled: moves undispatched outbox rows into the queue (reconciliation after a crash or outage).
  DispatchOutbox = 'dispatch-outbox',
  // One outbox event → in-app notifications for the units it concerns (+ one webhook job per unit).
  NotifyUnits = 'notify-units',
  // One HTTP POST to one unit's webhook, retried with backoff.
  DeliverWebhook = 'deliver-webhook',
  // Delayed, one per open step (jobId names the step): due when the step's next ladder rung is; the
  // worker climbs what is due and delays the same job again for the next rung.
  StepTimer = 'step-timer',
  // One per rung of one deadline: how timers were kept before StepTimer; still processed so that jobs
  // queued by an earlier version do their work.
  RemindStep = 'remind-step',
  MarkStepOverdue = 'mark-step-overdue',
  EscalateStep = 'escalate-step',
  // Scheduled: finds every rung that is due in the database, whatever happened to the delayed jobs.
  LadderSweep = 'ladder-sweep',
  // After a calendar change: recompute the deadlines of open steps.
  RetimeOpenSteps = 'retime-open-steps',
  // Scheduled daily: each county's supervisors get the overdue counts.
  DailyDigest = 'daily-digest',
  // After a template version saved with "re-time open cases": apply its durations to open cases.
  RetimeCasesOfTemplate = 'retime-cases-of-template',
  // Scheduled daily: the 督办看板's snapshot of open and overdue steps and the rebuilt roll-up.
  RecordBoardHistory = 'record-board-history',
  // Scheduled: queues again (or revives from the failed set) the jobs of unfinished database rows.
  ReviveJobs = 'revive-jobs',
  // Scheduled daily: deletes expired idempotency keys, outbox rows and read notifications in batches.
  PurgeExpired = 'purge-expired',
}

// The jobs each queue carries; a processor's switch over its union is checked for exhaustiveness.
export type ImportsJobName = JobName.ImportDutyList;
export type NotificationsJobName = JobName.DispatchOutbox | JobName.NotifyUnits | JobName.DeliverWebhook;
export type DeadlinesJobName =
  | JobName.StepTimer
  | JobName.RemindStep
  | JobName.MarkStepOverdue
  | JobName.EscalateStep
  | JobName.LadderSweep
  | JobName.RetimeOpenSteps
  | JobName.DailyDigest;
export type WorkflowJobName = JobName.RetimeCasesOfTemplate;
export type BoardJobName = JobName.RecordBoardHistory;
export type MaintenanceJobName = JobName.ReviveJobs | JobName.PurgeExpired;

// A rung job names the deadline it was scheduled for; when the step's dueAt has moved since, the job
// is stale and does nothing (the new deadline has its own jobs).
export interface StepRungJobData {
  stepId: string;
  dueAt: string; // ISO instant
  level?: number; // EscalateStep: 1 or 2
}

export interface StepTimerJobData {
  stepId: string;
}

export interface ImportDutyListJobData {
  importId: string;
}

export interface NotifyUnitsJobData {
  outboxId: string;
}

export interface DeliverWebhookJobData {
  notificationId: string;
}

// Which template version's durations to apply (the rest is read from the database by the job).
export interface RetimeCasesOfTemplateJobData {
  templateId: string;
  actorId: string;
}

// 2 s, 4 s … 128 s: the attempts span about four minutes, longer than an ordinary database or Redis
// restart. A job that still fails sits in the failed set, and reconciliation revives it by id.
export const JOB_ATTEMPTS = 8;
export const JOB_BACKOFF = { type: 'exponential', delay: 2_000 } as const;
// Longest a request waits for Redis to take a job. Commands queue while Redis is down; past this the
// request answers anyway, and reconciliation (sweeps, revival) queues the job once Redis is back.
export const ENQUEUE_TIMEOUT_MS = 2_000;
// Keep enough finished jobs to debug a day's work without letting Redis grow without bound.
export const JOB_RETENTION = {
  removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5_000 },
} as const;
