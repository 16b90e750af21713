// The written contract of every queue: names, job names, payloads and retention. Producers and
// processors import from here only.

export enum QueueName {
  Imports = 'imports',
  Notifications = 'notifications',
}

export enum JobName {
  ImportDutyList = 'import-duty-list',
  // Scheduled: moves undispatched outbox rows into the queue (reconciliation after a crash or outage).
  DispatchOutbox = 'dispatch-outbox',
  // One outbox event → in-app notifications for the units it concerns (+ one webhook job per unit).
  NotifyUnits = 'notify-units',
  // One HTTP POST to one unit's webhook, retried with backoff.
  DeliverWebhook = 'deliver-webhook',
}

// The jobs each queue carries; a processor's switch over its union is checked for exhaustiveness.
export type ImportsJobName = JobName.ImportDutyList;
export type NotificationsJobName = JobName.DispatchOutbox | JobName.NotifyUnits | JobName.DeliverWebhook;

export interface ImportDutyListJobData {
  importId: string;
}

export interface NotifyUnitsJobData {
  outboxId: string;
}

export interface DeliverWebhookJobData {
  notificationId: string;
}

export interface JobDataByName {
  [JobName.ImportDutyList]: ImportDutyListJobData;
  [JobName.DispatchOutbox]: Record<string, never>;
  [JobName.NotifyUnits]: NotifyUnitsJobData;
  [JobName.DeliverWebhook]: DeliverWebhookJobData;
}

export const JOB_ATTEMPTS = 3;
export const JOB_BACKOFF = { type: 'exponential', delay: 2_000 } as const;
// Keep enough finished jobs to debug a day's work without letting Redis grow without bound.
export const JOB_RETENTION = {
  removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5_000 },
} as const;
