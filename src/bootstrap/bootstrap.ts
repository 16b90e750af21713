import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ApiModule, WorkerModule } from 'src/app.module';
import { TextSafetyPipe } from 'src/common/validation/text-safety.pipe';
import { createValidationPipe } from 'src/common/validation/validation.pipe';
import { AppConfigService } from 'src/config/app-config.service';
import { EnvironmentError, EnvironmentVariables } from 'src/config/env.schema';
import { loadEnvironment } from 'src/config/load-env';
import { closeDatabase, DatabaseUse, openDatabase } from 'src/database/database-target';
import { storageModeLine } from 'src/config/storage-mode';
import { API_PREFIX, buildOpenApiDocument, setApiPrefix } from './openapi';
import { preflight, StartupError } from './preflight';

// Loads and checks configuration, opens the database (embedded when DATABASE_URL is unset) and
// checks the services; on failure prints one line and exits 1.
export async function prepareOrExit(use: DatabaseUse = 'command'): Promise<EnvironmentVariables> {
  try {
    const env = loadEnvironment();
    await preflight(env, await openDatabase(env, use));
    return env;
  } catch (error) {
    return exitWithLine(error);
  }
}

export function exitWithLine(error: unknown): never {
  const known = error instanceof StartupError || error instanceof EnvironmentError;
  const line = known ? error.message : `启动失败：${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`dutyflow: ${line}\n`);
  process.exit(1);
}

// Pages may run only the app's own scripts (no inline script, no other origin). Element Plus and
// bpmn-js set inline style attributes, so styles allow 'unsafe-inline'; images may be data: URIs.
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

// Prefix, security headers, cookies, pipes and OpenAPI; shared by the real API and the e2e test app.
export function configureHttpApp(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as {
    disable(setting: string): void;
    set(setting: string, value: unknown): void;
  };
  express.disable('x-powered-by');
  // Behind a reverse proxy, request.ip (login limits, logs) is the client's only with TRUST_PROXY.
  const trustProxy = app.get(AppConfigService).trustProxy;
  if (trustProxy !== undefined) express.set('trust proxy', trustProxy);
  setApiPrefix(app);
  app.use(helmet({ contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY } }));
  app.use(cookieParser());
  app.useGlobalPipes(new TextSafetyPipe(), createValidationPipe());
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${API_PREFIX}/docs/openapi.json`,
  });
}

export async function createApi(): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureHttpApp(app);
  return app;
}

export async function listen(app: INestApplication, env: EnvironmentVariables): Promise<void> {
  await app.listen(env.PORT, env.HOST);
  app.get(Logger).log(storageModeLine(env));
  app.get(Logger).log(`dutyflow API listening on http://${env.HOST}:${env.PORT} (docs at /api/docs)`);
}

export async function createWorker(): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  context.useLogger(context.get(Logger));
  context.get(Logger).log('dutyflow worker started');
  return context;
}

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

// One handler for the whole process: close in the given order (workers first, so no job starts
// while HTTP drains), then exit. Nest's own hooks are not used because two contexts in one process
// would each re-raise the signal and end the process before the other has finished closing.
// Closing waits for Redis and PostgreSQL (workers finish their jobs, queues flush); when one of them
// is down that could take forever, so after SHUTDOWN_TIMEOUT_SECONDS the process exits regardless
// (jobs it held are picked up again as stalled, requests in flight get a closed connection).
export function closeOnSignals(contexts: INestApplicationContext[]): void {
  let closing = false;
  const timeoutMs = contexts[0].get(AppConfigService).shutdownTimeoutMs;
  const close = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    process.stderr.write(`dutyflow: ${signal} received, shutting down\n`);
    setTimeout(() => {
      process.stderr.write(`dutyflow: shutdown not finished after ${timeoutMs} ms, exiting anyway\n`);
      process.exit(1);
    }, timeoutMs).unref();
    try {
      for (const context of contexts) await context.close();
      await closeDatabase(); // the embedded database, if this process runs it: its files closed cleanly
    } catch (error) {
      process.stderr.write(`dutyflow: error while shutting down: ${String(error)}\n`);
      process.exit(1);
    }
    process.exit(0);
  };
  for (const signal of SHUTDOWN_SIGNALS) process.once(signal, (received) => void close(received));
}
