import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsLocked } from './migration-lock';

export interface CopiedTable {
  table: string;
  rows: number;
}

const BATCH_ROWS = 1_000;
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

// Copies every application table from one dutyflow database to another (embedded → PostgreSQL
// server): the target is migrated to the same schema first and must hold no data; all rows go in
// one transaction, parents before children. Trigger-maintained tables (the supervisors' open-steps
// mirror) fill themselves from the copied rows. Queue jobs are not copied: the ladder and outbox
// sweeps re-create what is due from the database.
export async function copyDatabase(sourceUrl: string, targetUrl: string): Promise<CopiedTable[]> {
  const target = await new DataSource(buildDataSourceOptions(targetUrl)).initialize();
  const source = new Client({ connectionString: sourceUrl });
  await source.connect();
  try {
    await runMigrationsLocked(target);
    const tables = target.entityMetadatas.map((metadata) => metadata.tableName);
    await refuseNonEmpty(target, tables);
    const ordered = await parentsFirst(target, tables);
    return await target.transaction(async (manager) => {
      const copied: CopiedTable[] = [];
      for (const table of ordered) {
        const columns = await insertableColumns(manager.query.bind(manager), table);
        const list = columns.map(quote).join(', ');
        const { rows } = await source.query<{ row: string }>(
          `SELECT row_to_json(t)::text AS row FROM ${quote(table)} t`,
        );
        for (let start = 0; start < rows.length; start += BATCH_ROWS) {
          const batch = `[${rows
            .slice(start, start + BATCH_ROWS)
            .map((r) => r.row)
            .join(',')}]`;
          await manager.query(
            `INSERT INTO ${quote(table)} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`,
            [batch],
          );
        }
        await advanceSequences(manager.query.bind(manager), table, columns);
        copied.push({ table, rows: rows.length });
      }
      return copied;
    });
  } finally {
    await source.end();
    await target.destroy();
  }
}

type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

async function refuseNonEmpty(target: DataSource, tables: string[]): Promise<void> {
  for (const table of tables) {
    const [{ count }] = await target.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${quote(table)}`,
    );
    if (count > 0)
      throw new DomainError(
        ErrorCode.CONFLICT,
        `目标数据库已有数据（表 ${table} 有 ${count} 行）；为免覆盖，只复制到空数据库`,
        { field: 'target' },
      );
  }
}

// Topological order over the foreign keys between the tables (a self-reference does not count).
async function parentsFirst(target: DataSource, tables: string[]): Promise<string[]> {
  const edges = await target.query<{ child: string; parent: string }[]>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.oid <> p.oid`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of edges) if (parents.has(parent)) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p)),
    );
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${tables.join(', ')}`);
    ready.forEach((t) => (placed.add(t), ordered.push(t)));
  }
  return ordered;
}

async function insertableColumns(query: Query, table: string): Promise<string[]> {
  const rows = (await query(
    `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0
       AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [quote(table)],
  )) as { attname: string }[];
  return rows.map((row) => row.attname);
}

// Serial/identity columns continue after the copied values.
async function advanceSequences(query: Query, table: string, columns: string[]): Promise<void> {
  for (const column of columns) {
    const [{ sequence }] = (await query(`SELECT pg_get_serial_sequence($1, $2) AS sequence`, [
      quote(table),
      column,
    ])) as { sequence: string | null }[];
    if (!sequence) continue;
    await query(
      `SELECT setval($1::regclass, GREATEST((SELECT max(${quote(column)}) FROM ${quote(table)}), 1))`,
      [sequence],
    );
  }
}
