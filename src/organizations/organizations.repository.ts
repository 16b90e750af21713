import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ParsedTownship } from 'src/domain/vocabulary';

export interface DepartmentInput {
  name: string;
  aliases: string[];
}

export interface TownshipRow {
  id: string;
  name: string;
  county: string;
  prefecture: string;
}

@Injectable()
export class OrganizationsRepository {
  // Insert-if-missing by natural key; an existing row is left untouched so a re-import writes nothing.
  async ensureTownship(
    manager: EntityManager,
    township: ParsedTownship,
  ): Promise<{ id: string; created: boolean }> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO townships (name, county, prefecture) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT "UQ_townships_county_name" DO NOTHING RETURNING id`,
      [township.name, township.county, township.prefecture],
    );
    if (inserted.length > 0) return { id: inserted[0].id, created: true };
    const found: { id: string }[] = await manager.query(
      `SELECT id FROM townships WHERE county = $1 AND name = $2`,
      [township.county, township.name],
    );
    return { id: found[0].id, created: false };
  }

  // Serialises imports of one township's documents (two uploads of the same file, two workers) for
  // the rest of the transaction; different townships import in parallel.
  async lockTownshipForImport(manager: EntityManager, township: ParsedTownship): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('dutyflow:import:' || $1 || ':' || $2))`, [
      township.county,
      township.name,
    ]);
  }

  // Ensures one row per (county, name) and that each row's aliases include the given ones.
  // Returns name → id for every input, and how many departments were new.
  async ensureDepartments(
    manager: EntityManager,
    county: string,
    departments: DepartmentInput[],
  ): Promise<{ ids: Map<string, string>; created: number }> {
    if (departments.length === 0) return { ids: new Map(), created: 0 };
    const rows: { id: string; name: string; created: boolean }[] = await manager.query(
      `WITH input AS (
         SELECT d.name, d.aliases FROM jsonb_to_recordset($2::jsonb) AS d(name text, aliases text[])
       ), inserted AS (
         INSERT INTO departments (county, name, aliases)
         SELECT $1, name, aliases FROM input
         ON CONFLICT ON CONSTRAINT "UQ_departments_county_name" DO NOTHING
         RETURNING id, name
       ), widened AS (
         UPDATE departments d SET aliases = ARRAY(SELECT DISTINCT unnest(d.aliases || i.aliases) ORDER BY 1)
         FROM input i
         WHERE d.county = $1 AND d.name = i.name AND NOT (i.aliases <@ d.aliases)
           AND NOT EXISTS (SELECT 1 FROM inserted x WHERE x.name = i.name)
         RETURNING d.id
       )
       SELECT id, name, true AS created FROM inserted
       UNION ALL
       SELECT d.id, d.name, false FROM departments d JOIN input i ON i.name = d.name
       WHERE d.county = $1 AND NOT EXISTS (SELECT 1 FROM inserted x WHERE x.name = d.name)`,
      [county, JSON.stringify(departments)],
    );
    const ids = new Map(rows.map((row) => [row.name, row.id]));
    // A row another transaction committed while this statement waited on the conflict is not in this
    // statement's snapshot; a second statement sees it.
    const missing = departments.map((d) => d.name).filter((name) => !ids.has(name));
    if (missing.length > 0) {
      const late: { id: string; name: string }[] = await manager.query(
        `SELECT id, name FROM departments WHERE county = $1 AND name = ANY($2::text[])`,
        [county, missing],
      );
      late.forEach((row) => ids.set(row.name, row.id));
    }
    return { ids, created: rows.filter((row) => row.created).length };
  }

  async findTownship(manager: EntityManager, idOrName: string): Promise<TownshipRow | null> {
    const rows: TownshipRow[] = await manager.query(
      `SELECT id, name, county, prefecture FROM townships
       WHERE id::text = $1 OR name = $1 ORDER BY county LIMIT 1`,
      [idOrName],
    );
    return rows[0] ?? null;
  }
}
