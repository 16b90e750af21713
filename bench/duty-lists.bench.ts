// Benchmark (not a test): parse all five seed documents; import them into an empty database.
// Run: npm run bench:duty-lists   (needs Postgres; builds nothing, uses ts-node)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { recreateBenchDatabase } from './lib/bench-database';

const BENCH_DB = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dutyflow_bench';
const PARSE_ROUNDS = 20;
const IMPORT_ROUNDS = 3;
const SEEDS = join(__dirname, '..', 'seeds', 'duty-lists');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const SYNTHETIC_DUTIES = 300_000;
const LOOKUP_ROUNDS = 50;

// "Whose duty is this?" against 300,000 extra rows: the pg_trgm index has to carry the substring search.
async function measureLookup(
  app: INestApplicationContext,
  dataSource: DataSource,
): Promise<Record<string, unknown>> {
  const { DutiesService } = await import('src/duties/duties.service');
  await dataSource.query(
    `INSERT INTO townships (name, county, prefecture) VALUES ('基准测试镇', '基准测试县', '基准测试州') ON CONFLICT DO NOTHING`,
  );
  await dataSource.query(
    `WITH src AS (
       SELECT array_agg(name ORDER BY id) AS names, array_agg(category ORDER BY id) AS categories
       FROM duties WHERE list = 'cooperative')
     INSERT INTO duties ("townshipId", list, no, category, name, "contentHash", "sourceLine")
     SELECT (SELECT id FROM townships WHERE name = '基准测试镇'), 'basic', g,
            categories[1 + g % array_length(names, 1)], names[1 + g % array_length(names, 1)] || '（第' || g || '批）',
            'bench', 1
     FROM src, generate_series(1, $1) g`,
    [SYNTHETIC_DUTIES],
  );
  await dataSource.query('ANALYZE duties');
  const service = app.get(DutiesService);
  const times: number[] = [];
  let total = 0;
  for (let round = 0; round < LOOKUP_ROUNDS; round += 1) {
    const start = performance.now();
    const page = await service.search({ q: '残疾人证', page: 1, pageSize: 20 });
    times.push(performance.now() - start);
    total = page.total;
  }
  const plan: { 'QUERY PLAN': string }[] = await dataSource.query(
    `EXPLAIN SELECT id FROM duties d WHERE d.active AND d.name ILIKE '%残疾人证%'`,
  );
  const sorted = [...times].sort((a, b) => a - b);
  return {
    rows: (await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM duties`))[0].n,
    query: '残疾人证',
    matches: total,
    p50Ms: +sorted[Math.floor(sorted.length * 0.5)].toFixed(1),
    p95Ms: +sorted[Math.floor(sorted.length * 0.95)].toFixed(1),
    usesTrigramIndex: plan.some((line) => line['QUERY PLAN'].includes('IDX_duties_name_trgm')),
  };
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

  await recreateBenchDatabase(BENCH_DB);
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
  const lookup = await measureLookup(app, dataSource);
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
    lookup,
    node: process.version,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
