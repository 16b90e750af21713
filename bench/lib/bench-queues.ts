import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { QueueName } from 'src/queue/queue.constants';

// Empties every queue under a benchmark's own BullMQ prefix, so jobs of an earlier run never reach a
// fresh database and a run leaves nothing behind.
export async function obliterateBenchQueues(redisUrl: string, prefix: string): Promise<void> {
  const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  try {
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, { connection, prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
  } finally {
    await connection.quit();
  }
}
