import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { applicantSearchParam, applicantSearchSql } from 'src/applicants/applicant-search';
import { CaseStatus } from './case-status';
import { heldBy, STEP_COLUMNS, StepRow } from './steps.repository';
import { UnitRef } from 'src/domain/vocabulary';
import { DONE_STEP_STATUSES, OPEN_STEP_STATUSES } from 'src/domain/step-status';

export interface WorkListFilter {
  dutyId?: string;
  stepStatus?: string; // 待办: ready / in_progress
  caseStatus?: CaseStatus; // 已办: the case's status now
  from?: Date;
  to?: Date;
  q?: string;
  limit: number;
  offset: number;
}

export interface WorkItemRow extends StepRow {
  caseTitle: string;
  caseSubject: string;
  caseStatus: CaseStatus;
  applicantIdNumber: string | null;
  townshipId: string;
  townshipName: string;
  dutyId: string;
  dutyName: string;
  dutyCategory: string;
  templateVersion: number;
  completedByName: string | null;
}

const ITEM_COLUMNS = `${STEP_COLUMNS}, c.title AS "caseTitle", c.subject AS "caseSubject", c.status AS "caseStatus",
  c."applicantIdNumber", c."townshipId", t.name AS "townshipName", d.id AS "dutyId", d.name AS "dutyName",
  d.category AS "dutyCategory", w.version AS "templateVersion",
  (SELECT u."displayName" FROM users u WHERE u.id = s."completedBy") AS "completedByName"`;
const ITEM_FROM = `case_steps s JOIN cases c ON c.id = s."caseId" JOIN townships t ON t.id = c."townshipId"
  JOIN workflow_templates w ON w.id = c."templateId" JOIN duties d ON d.id = w."dutyId"`;

// The clerk's daily lists over one unit's steps: 待办 (ready / in progress, earliest due first) and
// 已办 (completed or skipped by the unit, newest first). `from`/`to` bound when the work arrived (待办)
// or was finished (已办).
@Injectable()
export class WorkListsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  inbox(unit: UnitRef, filter: WorkListFilter): Promise<{ rows: WorkItemRow[]; total: number }> {
    return this.page(unit, filter, {
      statuses: [...OPEN_STEP_STATUSES],
      dateColumn: 's."readyAt"',
      orderBy: 's."dueAt" ASC NULLS LAST, s."readyAt" ASC, s.id',
    });
  }

  done(unit: UnitRef, filter: WorkListFilter): Promise<{ rows: WorkItemRow[]; total: number }> {
    return this.page(unit, filter, {
      statuses: [...DONE_STEP_STATUSES],
      dateColumn: 'COALESCE(s."completedAt", s."readyAt")',
      orderBy: 'COALESCE(s."completedAt", s."readyAt") DESC NULLS LAST, s.id',
    });
  }

  private async page(
    unit: UnitRef,
    filter: WorkListFilter,
    list: { statuses: string[]; dateColumn: string; orderBy: string },
  ): Promise<{ rows: WorkItemRow[]; total: number }> {
    // heldBy's $1 is the unit's id (one place for "which unit holds a step").
    const where: string[] = [heldBy(unit)];
    const params: unknown[] = [unit.id];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace(/\?/g, `$${params.length}`));
    };
    add(`s.status = ANY(?)`, filter.stepStatus ? [filter.stepStatus] : list.statuses);
    if (filter.dutyId) add(`w."dutyId" = ?`, filter.dutyId);
    if (filter.caseStatus) add(`c.status = ?`, filter.caseStatus);
    if (filter.from) add(`${list.dateColumn} >= ?`, filter.from);
    if (filter.to) add(`${list.dateColumn} < ?`, filter.to);
    if (filter.q) add(applicantSearchSql('c', 'd')(filter.q), applicantSearchParam(filter.q));
    const whereSql = where.join(' AND ');
    const total: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM ${ITEM_FROM} WHERE ${whereSql}`,
      params,
    );
    const rows: WorkItemRow[] = await this.dataSource.query(
      `SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM} WHERE ${whereSql} ORDER BY ${list.orderBy}
       LIMIT ${filter.limit} OFFSET ${filter.offset}`,
      params,
    );
    return { rows, total: total[0].n };
  }
}
