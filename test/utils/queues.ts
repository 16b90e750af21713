import { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QueueName } from 'src/queue/queue.constants';

// Removes this run's keys from Redis (the prefix is per process, see test/setup-env.ts).
export async function obliterateQueues(app: INestApplication): Promise<void> {
  for (const name of Object.values(QueueName)) {
    const queue = app.get<Queue>(getQueueToken(name));
    await queue.obliterate({ force: true });
  }
}

// Polls until `check` returns a value; fails with the last observed state after `timeoutMs`.
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
