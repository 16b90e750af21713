import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DutyListKind, ParseWarning } from 'src/domain/vocabulary';

export interface ExistingDuty {
  id: string;
  list: DutyListKind;
  no: number;
  contentHash: string;
  active: boolean;
}

export interface DutyWrite {
  townshipId: string;
  list: DutyListKind;
  no: number;
  category: string;
  name: string;
  method: string | null;
  contentHash: string;
  warnings: ParseWarning[];
  sourceLine: number;
  departmentIds: string[];
}

export interface DutySearch {
  q?: string;
  townshipId?: string;
  list?: DutyListKind;
  needsReview?: boolean;
  limit: number;
  offset: number;
}

export interface DutySearchRow {
  id: string;
  list: DutyListKind;
  no: number;
  category: string;
  name: string;
  method: string | null;
  needsReview: boolean;
  warnings: ParseWarning[];
  townshipId: string;
  townshipName: string;
  county: string;
  departments: { id: string; name: string }[];
  templateId: string | null;
  templateVersion: number | null;
}

@Injectable()
export class DutiesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByTownship(manager: EntityManager, townshipId: string): Promise<ExistingDuty[]> {
    return manager.query(`SELECT id, list, no, "contentHash", active FROM duties WHERE "townshipId" = $1`, [
      townshipId,
    ]);
  }

  async insert(manager: EntityManager, duty: DutyWrite): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO duties ("townshipId", list, no, category, name, method, "contentHash", warnings, "needsReview", "sourceLine")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) RETURNING id`,
      [...this.columns(duty)],
    );
    await this.replaceDepartments(manager, rows[0].id, duty.departmentIds);
    return rows[0].id;
  }

  async update(manager: EntityManager, id: string, duty: DutyWrite): Promise<void> {
    await manager.query(
      `UPDATE duties SET category = $4, name = $5, method = $6, "contentHash" = $7, warnings = $8::jsonb,
         "needsReview" = $9, "sourceLine" = $10, active = true, "updatedAt" = now()
       WHERE id = $11 AND "townshipId" = $1 AND list = $2 AND no = $3`,
      [...this.columns(duty), id],
    );
    await this.replaceDepartments(manager, id, duty.departmentIds);
  }

  async retire(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE duties SET active = false, "updatedAt" = now() WHERE id = ANY($1::uuid[]) AND active`,
      [ids],
    );
  }

  private columns(duty: DutyWrite): unknown[] {
    return [
      duty.townshipId,
      duty.list,
      duty.no,
      duty.category,
      duty.name,
      duty.method,
      duty.contentHash,
      JSON.stringify(duty.warnings),
      duty.warnings.length > 0,
      duty.sourceLine,
    ];
  }

  private async replaceDepartments(
    manager: EntityManager,
    dutyId: string,
    departmentIds: string[],
  ): Promise<void> {
    await manager.query(`DELETE FROM duty_departments WHERE "dutyId" = $1`, [dutyId]);
    if (departmentIds.length === 0) return;
    await manager.query(
      `INSERT INTO duty_departments ("dutyId", "departmentId", position)
       SELECT $1, d.id, d.position FROM unnest($2::uuid[]) WITH ORDINALITY AS d(id, position)`,
      [dutyId, departmentIds],
    );
  }

  // Substring search on the duty name (pg_trgm GIN index serves ILIKE '%q%', also for Chinese).
  async search(filter: DutySearch): Promise<{ rows: DutySearchRow[]; total: number }> {
    const where: string[] = ['d.active'];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.q) add(`d.name ILIKE ?`, `%${escapeLike(filter.q)}%`);
    if (filter.townshipId) add(`d."townshipId" = ?`, filter.townshipId);
    if (filter.list) add(`d.list = ?`, filter.list);
    if (filter.needsReview !== undefined) add(`d."needsReview" = ?`, filter.needsReview);
    const whereSql = where.join(' AND ');
    const totalRows: { total: string }[] = await this.dataSource.query(
      `SELECT count(*) AS total FROM duties d WHERE ${whereSql}`,
      params,
    );
    const rows: DutySearchRow[] = await this.dataSource.query(
      `SELECT d.id, d.list, d.no, d.category, d.name, d.method, d."needsReview", d.warnings,
              t.id AS "townshipId", t.name AS "townshipName", t.county,
              COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY dd.position)
                        FROM duty_departments dd JOIN departments p ON p.id = dd."departmentId"
                        WHERE dd."dutyId" = d.id), '[]') AS departments,
              wt.id AS "templateId", wt.version AS "templateVersion"
       FROM duties d
       JOIN townships t ON t.id = d."townshipId"
       LEFT JOIN LATERAL (SELECT id, version FROM workflow_templates w WHERE w."dutyId" = d.id
                          ORDER BY version DESC LIMIT 1) wt ON true
       WHERE ${whereSql}
       ORDER BY t.county, t.name, array_position(ARRAY['basic','cooperative','withdrawn']::varchar[], d.list), d.no
       LIMIT ${filter.limit} OFFSET ${filter.offset}`,
      params,
    );
    return { rows, total: Number(totalRows[0].total) };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
