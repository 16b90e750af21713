import { JobsOptions } from 'bullmq';

// Tuning of the notification pipeline. Named constants rather than settings: none of them differs
// between deployments today; move one to AppConfigService when it does.

// The outbox sweep: rows per transaction, and how many batches one run may take before it leaves
// the rest to the next run (keeps one run, and its open transaction, short).
export const OUTBOX_BATCH_SIZE = 100;
export const OUTBOX_MAX_BATCHES = 20;
// How often the worker's job scheduler sweeps for rows whose enqueue was lost (crash, Redis down).
export const OUTBOX_SWEEP_EVERY_MS = 30_000;
export const OUTBOX_SWEEP_SCHEDULER_ID = 'dispatch-outbox';
// Longest wait for Redis to take a batch. Our connections queue commands while Redis is down
// (maxRetriesPerRequest: null); without a limit a batch would hold its transaction, its row locks
// and a pool connection for the whole outage.
export const OUTBOX_ENQUEUE_TIMEOUT_MS = 5_000;

// Webhooks: one POST per attempt, 5 attempts 5 s · 2^n apart (5 s, 10 s, 20 s, 40 s ≈ 75 s in all).
export const WEBHOOK_ATTEMPTS = 5;
export const WEBHOOK_BACKOFF_MS = 5_000;
export const WEBHOOK_TIMEOUT_MS = 5_000;
// Longest error text kept in notifications."webhookLastError".
export const WEBHOOK_ERROR_MAX_CHARS = 300;
export const WEBHOOK_USER_AGENT = 'dutyflow';

// Jobs in flight per worker process: webhook POSTs wait on the network, so a few run side by side.
export const NOTIFICATIONS_CONCURRENCY = 5;

// Options of every DeliverWebhook job. Injected (not imported) so tests can use millisecond backoff.
export const WEBHOOK_JOB_OPTIONS = Symbol('WEBHOOK_JOB_OPTIONS');
export type WebhookJobOptions = Pick<JobsOptions, 'attempts' | 'backoff'>;
export const DEFAULT_WEBHOOK_JOB_OPTIONS: WebhookJobOptions = {
  attempts: WEBHOOK_ATTEMPTS,
  backoff: { type: 'exponential', delay: WEBHOOK_BACKOFF_MS },
};

// A dispatched row that still has no notification after this long may have lost its NotifyUnits job
// (Redis restarted without persistence, or was flushed): the sweep queues it again under its fixed
// job id, which adds nothing while the job is still waiting, delayed or running (a backlog), so the
// wait can be short: notifications lost with Redis go out within about a minute (bench:faults).
// Rows older than the window are left alone (bounded scan; their units have long seen the case).
export const OUTBOX_LOST_AFTER_MS = 30_000;
export const OUTBOX_LOST_WINDOW_MS = 24 * 3_600_000;
