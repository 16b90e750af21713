// Benchmark (not a test): parse all five seed documents; import them into an empty database.
// Run: npm run bench:duty-lists   (needs Postgres; builds nothing, uses ts-node)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

const BENCH_DB = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dutyflow_bench';
const PARSE_ROUNDS = 20;
const IMPORT_ROUNDS = 3;
const SEEDS = join(__dirname, '..', 'seeds', 'duty-lists');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function recreateDatabase(): Promise<void> {
  const admin = new URL(BENCH_DB);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(
    `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
  );
  await client.end();
  execFileSync(process.execPath, [join(__dirname, '..', 'dist', 'src', 'cli.js'), 'migrate'], {
    env: { ...process.env, DATABASE_URL: BENCH_DB },
    stdio: 'pipe',
  });
}

async function main(): Promise<void> {
  Object.assign(process.env, {
    DATABASE_URL: BENCH_DB,
    LOG_LEVEL: 'silent',
    MIGRATIONS_RUN: 'false',
    BULLMQ_PREFIX: 'dutyflow-bench',
  });
  // Loaded after the environment is set, as the app would be.
  const { parseDutyList } = await import('src/duty-lists/duty-list.parser');
  const { CoreModule } = await import('src/app.module');
  const { DutyListsModule } = await import('src/duty-lists/duty-lists.module');
  const { DutyListImporter } = await import('src/duty-lists/duty-list.importer');

  const files = readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const contents = files.map((f) => ({ name: f, content: readFileSync(join(SEEDS, f)) }));
  const bytes = contents.reduce((sum, f) => sum + f.content.length, 0);

  const parseTimes: number[] = [];
  for (let round = 0; round < PARSE_ROUNDS; round += 1) {
    const start = performance.now();
    for (const file of contents) parseDutyList(file.content, file.name);
    parseTimes.push(performance.now() - start);
  }

  await recreateDatabase();
  @Module({ imports: [CoreModule, DutyListsModule] })
  class BenchModule {}
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
  const importer = app.get(DutyListImporter);
  const dataSource = app.get(DataSource);
  const importTimes: number[] = [];
  let reimport = 0;
  for (let round = 0; round < IMPORT_ROUNDS; round += 1) {
    const tables: { tablename: string }[] = await dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    await dataSource.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
    const start = performance.now();
    for (const file of contents) await importer.importFile(file.content, file.name);
    importTimes.push(performance.now() - start);
    const again = performance.now();
    for (const file of contents) await importer.importFile(file.content, file.name);
    reimport = performance.now() - again;
  }
  await app.close();

  const summary = {
    documents: files.length,
    bytes,
    parseAllFiveMs: {
      median: +median(parseTimes).toFixed(1),
      min: +Math.min(...parseTimes).toFixed(1),
      rounds: PARSE_ROUNDS,
    },
    importAllFiveIntoEmptyDbMs: {
      median: +median(importTimes).toFixed(0),
      min: +Math.min(...importTimes).toFixed(0),
      rounds: IMPORT_ROUNDS,
    },
    reimportUnchangedMs: +reimport.toFixed(0),
    node: process.version,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
