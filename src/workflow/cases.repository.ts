import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CaseScope } from 'src/auth/access-policy';
import { CaseStatus } from './case-status';

export interface CaseRow {
  id: string;
  templateId: string;
  templateVersion: number;
  dutyId: string;
  dutyName: string;
  townshipId: string;
  townshipName: string;
  county: string;
  title: string;
  subject: string;
  note: string | null;
  sections: string[] | null;
  status: CaseStatus;
  createdBy: string;
  createdAt: Date;
  completedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  departmentIds: string[];
}

export interface NewCase {
  templateId: string;
  townshipId: string;
  title: string;
  subject: string;
  note: string | null;
  sections: string[] | null;
  createdBy: string;
}

export interface CaseFilter {
  status?: CaseStatus;
  townshipId?: string;
  templateId?: string;
  departmentId?: string;
  q?: string;
  limit: number;
  offset: number;
}

const CASE_COLUMNS = `c.id, c."templateId", w.version AS "templateVersion", d.id AS "dutyId", d.name AS "dutyName",
  c."townshipId", t.name AS "townshipName", t.county, c.title, c.subject, c.note, c.sections, c.status,
  c."createdBy", c."createdAt", c."completedAt", c."cancelledAt", c."cancelReason",
  ARRAY(SELECT DISTINCT unnest(s2."assigneeDepartmentIds") FROM case_steps s2 WHERE s2."caseId" = c.id) AS "departmentIds"`;

const CASE_FROM = `cases c JOIN townships t ON t.id = c."townshipId"
  JOIN workflow_templates w ON w.id = c."templateId" JOIN duties d ON d.id = w."dutyId"`;

@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, input: NewCase): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO cases ("templateId", "townshipId", title, subject, note, sections, status, "createdBy")
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7) RETURNING id`,
      [
        input.templateId,
        input.townshipId,
        input.title,
        input.subject,
        input.note,
        input.sections,
        input.createdBy,
      ],
    );
    return rows[0].id;
  }

  // The case lock: every change to a case and its steps holds it until its transaction ends.
  async lock(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [id]);
  }

  async findById(manager: EntityManager, id: string): Promise<CaseRow | null> {
    const rows: CaseRow[] = await manager.query(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  async findOpenCaseIdsOfDuty(dutyId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT c.id FROM cases c JOIN workflow_templates w ON w.id = c."templateId"
       WHERE w."dutyId" = $1 AND c.status = 'open' ORDER BY c."createdAt"`,
      [dutyId],
    );
    return rows.map((row) => row.id);
  }

  async setStatus(
    manager: EntityManager,
    id: string,
    status: CaseStatus,
    extra: { completedAt?: Date | null; cancelledAt?: Date | null; cancelReason?: string | null } = {},
  ): Promise<void> {
    await manager.query(
      `UPDATE cases SET status = $2, "completedAt" = $3, "cancelledAt" = $4, "cancelReason" = COALESCE($5, "cancelReason")
       WHERE id = $1`,
      [id, status, extra.completedAt ?? null, extra.cancelledAt ?? null, extra.cancelReason ?? null],
    );
  }

  async list(scope: CaseScope, filter: CaseFilter): Promise<{ rows: CaseRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace(/\?/g, `$${params.length}`));
    };
    const departmentMatch = `EXISTS (SELECT 1 FROM case_steps x WHERE x."caseId" = c.id AND x."assigneeDepartmentIds" && ARRAY[?]::uuid[])`;
    if (scope.townshipId) add(`c."townshipId" = ?`, scope.townshipId);
    if (scope.county) add(`t.county = ?`, scope.county);
    if (scope.departmentId) add(departmentMatch, scope.departmentId);
    if (filter.status) add(`c.status = ?`, filter.status);
    if (filter.townshipId) add(`c."townshipId" = ?`, filter.townshipId);
    if (filter.templateId)
      add(
        `(c."templateId" = ? OR w."dutyId" = (SELECT "dutyId" FROM workflow_templates WHERE id = ?))`,
        filter.templateId,
      );
    if (filter.departmentId) add(departmentMatch, filter.departmentId);
    if (filter.q)
      add(
        `(c.title ILIKE ? OR c.subject ILIKE ? OR d.name ILIKE ?)`,
        `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`,
      );
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM ${CASE_FROM} ${whereSql}`,
      params,
    );
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} ${whereSql} ORDER BY c."createdAt" DESC, c.id LIMIT ${filter.limit} OFFSET ${filter.offset}`,
      params,
    );
    return { rows, total: total[0].n };
  }
}
