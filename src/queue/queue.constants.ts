// The written contract of every queue: names, job names, payloads and retention. Producers and
// processors import from here only.

export enum QueueName {
  Imports = 'imports',
}

export enum JobName {
  ImportDutyList = 'import-duty-list',
}

export interface ImportDutyListJobData {
  importId: string;
}

export interface JobDataByName {
  [JobName.ImportDutyList]: ImportDutyListJobData;
}

export const JOB_ATTEMPTS = 3;
export const JOB_BACKOFF = { type: 'exponential', delay: 2_000 } as const;
// Keep enough finished jobs to debug a day's work without letting Redis grow without bound.
export const JOB_RETENTION = {
  removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5_000 },
} as const;
