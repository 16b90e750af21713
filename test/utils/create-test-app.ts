import { INestApplication } from '@nestjs/common';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { ApiModule, WorkerModule } from 'src/app.module';
import { configureHttpApp } from 'src/bootstrap/bootstrap';

// The API with the queue workers in the same process, as `npm start` runs it, on the test
// database and a per-run BullMQ prefix (see test/setup-env.ts).
export async function createTestApp(
  override: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<INestApplication> {
  const moduleRef = await override(
    Test.createTestingModule({ imports: [ApiModule, WorkerModule] }),
  ).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] }); // a 500 shows its stack in the test output;
  configureHttpApp(app);
  await app.init();
  return app;
}
