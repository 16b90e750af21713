import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { closeOnSignals, createWorker, exitWithLine, prepareOrExit } from './bootstrap/bootstrap';
import { storageModeLine } from './config/storage-mode';

async function main(): Promise<void> {
  const env = await prepareOrExit('service');
  const worker = await createWorker();
  worker.get(Logger).log(storageModeLine(env));
  closeOnSignals([worker]);
}

main().catch(exitWithLine);
