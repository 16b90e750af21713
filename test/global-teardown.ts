import { stopEmbeddedTestDatabase } from './utils/embedded-test-database';

export default async function globalTeardown(): Promise<void> {
  await stopEmbeddedTestDatabase();
}
