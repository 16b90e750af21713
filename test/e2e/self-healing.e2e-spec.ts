import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { DeadlinesScheduler } from 'src/deadlines/deadlines.scheduler';
import { MaintenanceScheduler } from 'src/maintenance/maintenance.scheduler';
import { NotificationsScheduler } from 'src/notifications/notifications.scheduler';
import { BoardHistoryScheduler } from 'src/supervision/board-history.processor';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { eventually, obliterateQueues } from 'test/utils/queues';

// Issue 11, item 1: Redis losing its data (a flush of every key, a restart without AOF) must not stop the
// sweeps. Wiping this run's queues stands in for it (the shared Redis is never flushed).
describe('repeating jobs after Redis lost its data', () => {
  let app: INestApplication;
  let http: App;

  beforeAll(async () => {
    app = await createTestApp();
    http = app.getHttpServer() as App;
    await resetDatabase(app.get(DataSource));
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  it('should report the missing schedulers in /health, and the worker should register them again', async () => {
    await request(http).get('/health').expect(200);

    await obliterateQueues(app);

    const down = await request(http).get('/health').expect(503);
    expect(JSON.stringify(down.body)).toContain('ladder-sweep');
    expect(JSON.stringify(down.body)).toContain('dispatch-outbox');

    // What each worker's periodic check does (every 5 s; called here instead of waiting).
    await app.get(DeadlinesScheduler).restoreMissing();
    await app.get(NotificationsScheduler).restoreMissing();
    await app.get(MaintenanceScheduler).restoreMissing();
    await app.get(BoardHistoryScheduler).restoreMissing();
    await request(http).get('/health').expect(200);
  });

  it('should register them again by itself, without a call', async () => {
    await obliterateQueues(app);
    await request(http).get('/health').expect(503);
    await eventually(
      async () => ((await request(http).get('/health')).status === 200 ? true : undefined),
      40_000,
      'schedulers registered again by the periodic check',
    );
  });
});
