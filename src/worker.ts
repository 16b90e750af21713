import 'reflect-metadata';
import { closeOnSignals, createWorker, exitWithLine, prepareOrExit } from './bootstrap/bootstrap';

async function main(): Promise<void> {
  await prepareOrExit();
  closeOnSignals([await createWorker()]);
}

main().catch(exitWithLine);
