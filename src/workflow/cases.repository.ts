import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicantColumns } from 'src/applicants/applicant';
import { applicantSearchParam, applicantSearchSql } from 'src/applicants/applicant-search';
import { CaseFieldDefinition, CaseFieldValues } from 'src/applicants/case-fields';
import { CaseScope } from 'src/auth/access-policy';
import { CaseStatus } from './case-status';

export interface CaseRow extends ApplicantColumns {
  id: string;
  templateId: string;
  templateVersion: number;
  dutyId: string;
  dutyName: string;
  townshipId: string;
  townshipName: string;
  county: string;
  title: string;
  note: string | null;
  sections: string[] | null;
  extraFields: CaseFieldValues | null;
  caseFields: CaseFieldDefinition[];
  status: CaseStatus;
  createdBy: string;
  createdByName: string | null;
  createdAt: Date;
  completedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  departmentIds: string[];
  // The nearest 应办结日期 among the steps now being worked on (Beijing date); null when none is open.
  nextDueDate: string | null;
}

export interface NewCase extends ApplicantColumns {
  templateId: string;
  townshipId: string;
  title: string;
  extraFields: CaseFieldValues | null;
  note: string | null;
  sections: string[] | null;
  createdBy: string;
}

export interface CaseFilter {
  status?: CaseStatus;
  townshipId?: string;
  templateId?: string;
  departmentId?: string;
  dutyId?: string;
  createdBy?: string;
  openedFrom?: Date;
  openedTo?: Date;
  q?: string;
  limit: number;
  offset: number;
}

const CASE_COLUMNS = `c.id, c."templateId", w.version AS "templateVersion", d.id AS "dutyId", d.name AS "dutyName",
  c."townshipId", t.name AS "townshipName", t.county, c.title, c.subject, c."applicantIdNumber", c."applicantPhone",
  c."applicantVillage", c."applicantAddress", c."applicantRemarks", c."extraFields", w."caseFields", c.note, c.sections, c.status,
  c."createdBy", (SELECT u."displayName" FROM users u WHERE u.id = c."createdBy") AS "createdByName", c."createdAt", c."completedAt", c."cancelledAt", c."cancelReason",
  ARRAY(SELECT DISTINCT unnest(s2."assigneeDepartmentIds") FROM case_steps s2 WHERE s2."caseId" = c.id) AS "departmentIds",
  (SELECT to_char(min(s3."dueDate"), 'YYYY-MM-DD') FROM case_steps s3
    WHERE s3."caseId" = c.id AND s3.status IN ('ready', 'in_progress')) AS "nextDueDate"`;

const CASE_FROM = `cases c JOIN townships t ON t.id = c."townshipId"
  JOIN workflow_templates w ON w.id = c."templateId" JOIN duties d ON d.id = w."dutyId"`;

@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, input: NewCase): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO cases ("templateId", "townshipId", title, subject, "applicantIdNumber", "applicantPhone",
         "applicantVillage", "applicantAddress", "applicantRemarks", "extraFields", note, sections, status, "createdBy")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13) RETURNING id`,
      [
        input.templateId,
        input.townshipId,
        input.title,
        input.subject,
        input.applicantIdNumber,
        input.applicantPhone,
        input.applicantVillage,
        input.applicantAddress,
        input.applicantRemarks,
        input.extraFields ? JSON.stringify(input.extraFields) : null,
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

  // Departments that hold or held a step of the case: a step of theirs became ready at least once,
  // or was reassigned away from them.
  async heldDepartmentIds(manager: EntityManager, caseId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT DISTINCT unnest(s."assigneeDepartmentIds")::text AS id FROM case_steps s
       WHERE s."caseId" = $1 AND (s."readyAt" IS NOT NULL OR s.status IN ('completed', 'skipped') OR EXISTS (
         SELECT 1 FROM case_events e WHERE e."stepId" = s.id AND e."toStatus" = 'ready'))
       UNION SELECT DISTINCT jsonb_array_elements_text(e.data->'from') FROM case_events e
       WHERE e."caseId" = $1 AND e.type = 'step_reassigned'`,
      [caseId],
    );
    return rows.map((row) => row.id);
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
    if (filter.dutyId) add(`w."dutyId" = ?`, filter.dutyId);
    if (filter.createdBy) add(`c."createdBy" = ?`, filter.createdBy);
    if (filter.openedFrom) add(`c."createdAt" >= ?`, filter.openedFrom);
    if (filter.openedTo) add(`c."createdAt" < ?`, filter.openedTo);
    if (filter.q) add(applicantSearchSql('c', 'd')(filter.q), applicantSearchParam(filter.q));
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
