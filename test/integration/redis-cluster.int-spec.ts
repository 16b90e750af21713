import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName, QueueName } from 'src/queue/queue.constants';
import { eventually } from 'test/utils/queues';
import { onServersOnly } from 'test/test-env';
import { LocalRedisCluster } from 'test/utils/redis-cluster';

const JOBS_PER_WAVE = 150;

const atMost = (work: Promise<unknown> | undefined, ms: number): Promise<unknown> =>
  Promise.race([work?.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ms).unref())]);

// BullMQ on a real Redis Cluster (3 masters, each with a replica, on loopback ports): the prefix is
// hash-tagged so each queue's keys share a slot, the product's own workers run the jobs, and when the
// master holding the queues is killed mid-run a replica takes over and every job still completes.
const describeOnServers = onServersOnly(describe, 'the Redis Cluster test runs redis-server processes');

describeOnServers('BullMQ on a Redis Cluster', () => {
  let cluster: LocalRedisCluster;
  let app: INestApplication;
  let queue: Queue;
  const prefix = process.env.BULLMQ_PREFIX ?? '';

  // Ladder jobs for steps that do not exist: each runs the real processor (a database look-up) and
  // completes with `false`, so a job that ran is a completed job.
  const addWave = (): Promise<string[]> =>
    queue
      .addBulk(
        Array.from({ length: JOBS_PER_WAVE }, () => ({
          name: JobName.MarkStepOverdue,
          data: { stepId: randomUUID(), dueAt: new Date().toISOString() },
        })),
      )
      .then((jobs) => jobs.map((job) => job.id as string));

  const allCompleted = (ids: string[]): Promise<true | undefined> =>
    Promise.all(ids.map((id) => queue.getJobState(id))).then((states) =>
      states.every((state) => state === 'completed') ? true : undefined,
    );

  beforeAll(async () => {
    cluster = await LocalRedisCluster.start({ masters: 3, replicasPerMaster: 1, firstPort: 7000 });
    // Read when the app module loads, so it is set before the import below.
    process.env.REDIS_CLUSTER_NODES = cluster.seedNodes();
    const { createTestApp } = await import('test/utils/create-test-app');
    app = await createTestApp();
    queue = app.get<Queue>(getQueueToken(QueueName.Deadlines));
  }, 120_000);

  // The cluster's processes and directory go whatever happens to the app's shutdown (bounded here: on a
  // loaded machine closing the connections of a cluster that lost a node can take long).
  afterAll(async () => {
    try {
      await atMost(queue?.obliterate({ force: true }), 20_000);
      await atMost(app?.close(), 40_000);
    } finally {
      await cluster?.stop();
      delete process.env.REDIS_CLUSTER_NODES;
    }
  }, 120_000);

  it('should hash-tag the prefix so that all keys of a queue live in one slot', async () => {
    expect(queue.opts.prefix).toBe(`{${prefix}}`);
    const masters = await Promise.all(
      ['wait', 'delayed', 'active', 'completed', 'meta', 'id'].map((key) =>
        cluster.masterOf(queue.toKey(key)),
      ),
    );
    expect(new Set(masters).size).toBe(1);
  });

  it('should run every job through the failover of the master that holds the queues', async () => {
    const before = await addWave();
    await eventually(() => allCompleted(before), 60_000, 'the first wave');

    const holder = await cluster.masterOf(queue.toKey('wait'));
    const during = addWave(); // added while the master dies
    await cluster.kill(holder);
    const promoted = await cluster.waitForNewMaster(queue.toKey('wait'), holder);
    expect(promoted).not.toBe(holder);
    const after = await addWave();

    const ids = [...(await during), ...after];
    await eventually(() => allCompleted(ids), 90_000, 'every job added during and after the failover');
    expect((await queue.getJobCounts('failed')).failed).toBe(0);
  }, 180_000);
});
