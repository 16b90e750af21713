import 'reflect-metadata';
import { closeOnSignals, createApi, exitWithLine, listen, prepareOrExit } from './bootstrap/bootstrap';

async function main(): Promise<void> {
  const env = await prepareOrExit('service');
  const app = await createApi();
  closeOnSignals([app]);
  await listen(app, env);
}

main().catch(exitWithLine);
