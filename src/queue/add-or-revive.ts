import { JobsOptions, Queue } from 'bullmq';

export interface FixedIdJob {
  name: string;
  data: object;
  opts: JobsOptions & { jobId: string };
}

// Adds jobs that have fixed ids. A job of the same id still in the failed set (it ran out of
// attempts, say during a database outage) is retried instead: adding under its id would do nothing.
// Waiting, active, delayed or kept completed jobs are left as they are. Says how many were added
// (their id was unknown to Redis) and how many revived.
export async function addOrRevive(
  queue: Queue,
  jobs: FixedIdJob[],
): Promise<{ added: number; revived: number }> {
  const fresh: FixedIdJob[] = [];
  let revived = 0;
  for (const job of jobs) {
    const existing = await queue.getJob(job.opts.jobId);
    if (existing && (await existing.isFailed())) {
      await existing.retry('failed').then(
        () => (revived += 1),
        () => undefined, // another process revived it first
      );
    } else if (!existing) {
      fresh.push(job);
    }
  }
  if (fresh.length > 0) await queue.addBulk(fresh);
  return { added: fresh.length, revived };
}
