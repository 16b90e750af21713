import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CaseFieldDefinition } from 'src/applicants/case-fields';
import { StepLane } from 'src/domain/vocabulary';
import { DependencyEvidence } from 'src/domain/dependency-evidence';
import { DocumentUpdate, TemplateOrigin } from './template-provenance';

export interface TemplateStepWrite {
  position: number;
  lane: StepLane;
  section: string | null;
  order: number;
  text: string;
  assigneeDepartmentIds: string[];
  dependsOn: number[];
  dueWorkingDays: number;
  optional: boolean;
  standing: boolean;
  evidence: DependencyEvidence[];
}

export interface TemplateVersionWrite {
  dutyId: string;
  version: number;
  name: string;
  contentHash: string;
  sourceHash: string | null;
  origin: TemplateOrigin;
  needsReview: boolean;
  documentId: string | null;
  steps: TemplateStepWrite[];
  documentUpdate?: DocumentUpdate | null;
}

export interface LatestTemplateVersion {
  id: string;
  version: number;
  contentHash: string;
  sourceHash: string | null;
  origin: TemplateOrigin;
  pendingSourceHash: string | null;
}

@Injectable()
export class TemplatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // Reads inside the caller's transaction, or on the pool when no manager is given.
  reader(manager: EntityManager = this.dataSource.manager): TemplateReader {
    return new TemplateReader(manager);
  }

  async latestVersions(
    manager: EntityManager,
    dutyIds: string[],
  ): Promise<Map<string, LatestTemplateVersion>> {
    if (dutyIds.length === 0) return new Map();
    const rows: (LatestTemplateVersion & { dutyId: string })[] = await manager.query(
      `SELECT DISTINCT ON ("dutyId") "dutyId", id, version, "contentHash", "sourceHash", origin,
              "documentUpdate"->>'sourceHash' AS "pendingSourceHash"
       FROM workflow_templates WHERE "dutyId" = ANY($1::uuid[]) ORDER BY "dutyId", version DESC`,
      [dutyIds],
    );
    return new Map(rows.map(({ dutyId, ...latest }) => [dutyId, latest]));
  }

  async insertVersion(manager: EntityManager, template: TemplateVersionWrite): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO workflow_templates ("dutyId", version, name, "contentHash", "sourceHash", origin, "needsReview",
                                       "documentId", "documentUpdate")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        template.dutyId,
        template.version,
        template.name,
        template.contentHash,
        template.sourceHash,
        template.origin,
        template.needsReview,
        template.documentId,
        template.documentUpdate ? JSON.stringify(template.documentUpdate) : null,
      ],
    );
    const templateId = rows[0].id;
    if (template.steps.length > 0) {
      await manager.query(
        `INSERT INTO template_steps ("templateId", position, lane, section, "order", text, "assigneeDepartmentIds",
                                     "dependsOn", "dueWorkingDays", optional, standing, evidence)
         SELECT $1, s.position, s.lane, s.section, s."order", s.text,
                ARRAY(SELECT jsonb_array_elements_text(s."assigneeDepartmentIds"))::uuid[],
                ARRAY(SELECT jsonb_array_elements_text(s."dependsOn"))::int[],
                s."dueWorkingDays", s.optional, s.standing, s.evidence
         FROM jsonb_to_recordset($2::jsonb) AS s(position int, lane varchar, section text, "order" int, text text,
              "assigneeDepartmentIds" jsonb, "dependsOn" jsonb, "dueWorkingDays" int, optional boolean,
              standing boolean, evidence jsonb)`,
        [templateId, JSON.stringify(template.steps)],
      );
    }
    return templateId;
  }

  // The extra case fields of a new version: the given ones, or (null) those of the duty's previous version.
  async setCaseFields(
    manager: EntityManager,
    templateId: string,
    fields: CaseFieldDefinition[] | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE workflow_templates w SET "caseFields" = COALESCE($2::jsonb,
         (SELECT p."caseFields" FROM workflow_templates p WHERE p."dutyId" = w."dutyId" AND p.version < w.version
          ORDER BY p.version DESC LIMIT 1), '[]'::jsonb)
       WHERE w.id = $1`,
      [templateId, fields ? JSON.stringify(fields) : null],
    );
  }

  // 文件已更新，待复核 on a person's version (versions stay immutable in their steps; this is a flag).
  async flagDocumentUpdate(
    manager: EntityManager,
    templateId: string,
    update: DocumentUpdate,
  ): Promise<void> {
    await manager.query(`UPDATE workflow_templates SET "documentUpdate" = $2 WHERE id = $1`, [
      templateId,
      JSON.stringify(update),
    ]);
  }

  // Resolved by keeping the person's version: it now rests on the new document row.
  async keepAgainstDocument(manager: EntityManager, templateId: string, sourceHash: string): Promise<void> {
    await manager.query(
      `UPDATE workflow_templates SET "documentUpdate" = NULL, "sourceHash" = $2 WHERE id = $1`,
      [templateId, sourceHash],
    );
  }

  async clearDocumentUpdate(manager: EntityManager, templateId: string): Promise<void> {
    await manager.query(`UPDATE workflow_templates SET "documentUpdate" = NULL WHERE id = $1`, [templateId]);
  }
}

export interface TemplateStepRow extends TemplateStepWrite {
  id: string;
  assignees: { id: string; name: string }[];
}

export interface TemplateRow {
  id: string;
  dutyId: string;
  version: number;
  latestVersion: number;
  name: string;
  dutyNo: number;
  category: string;
  townshipId: string;
  townshipName: string;
  county: string;
  departments: { id: string; name: string }[];
  documentId: string | null;
  origin: TemplateOrigin;
  sourceHash: string | null;
  needsReview: boolean;
  documentUpdate: DocumentUpdate | null;
  createdAt: Date;
  stepCount: number;
  caseFields: CaseFieldDefinition[];
  /** Steps whose dependsOn holds a step of another lane or department sub-lane. */
  handoffCount: number;
}

export interface TemplateFilter {
  townshipId?: string;
  q?: string;
  needsReview?: boolean;
  documentUpdated?: boolean;
  limit: number;
  offset: number;
}

const TEMPLATE_COLUMNS = `w.id, w."dutyId", w.version,
  (SELECT max(version) FROM workflow_templates x WHERE x."dutyId" = w."dutyId") AS "latestVersion",
  w.name, d.no AS "dutyNo", d.category, d."townshipId", t.name AS "townshipName", t.county, w."documentId", w."createdAt", w."caseFields",
  w.origin, w."sourceHash", w."needsReview", w."documentUpdate",
  (SELECT count(*)::int FROM template_steps s WHERE s."templateId" = w.id) AS "stepCount",
  (SELECT count(*)::int FROM template_steps s, jsonb_array_elements(s.evidence) e
    WHERE s."templateId" = w.id AND e->>'rule' NOT IN ('lane-order', 'person')) AS "handoffCount",
  COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY dd.position)
            FROM duty_departments dd JOIN departments p ON p.id = dd."departmentId" WHERE dd."dutyId" = d.id), '[]') AS departments`;

const TEMPLATE_FROM = `workflow_templates w JOIN duties d ON d.id = w."dutyId" JOIN townships t ON t.id = d."townshipId"`;

export class TemplateReader {
  constructor(private readonly manager: EntityManager) {}

  async findById(id: string): Promise<TemplateRow | null> {
    const rows: TemplateRow[] = await this.manager.query(
      `SELECT ${TEMPLATE_COLUMNS} FROM ${TEMPLATE_FROM} WHERE w.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  findSteps(templateId: string): Promise<TemplateStepRow[]> {
    return this.manager.query(
      `SELECT s.id, s.position, s.lane, s.section, s."order", s.text, s."assigneeDepartmentIds", s."dependsOn",
              s."dueWorkingDays", s.optional, s.standing, s.evidence,
              COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY a.ord)
                        FROM unnest(s."assigneeDepartmentIds") WITH ORDINALITY AS a(id, ord)
                        JOIN departments p ON p.id = a.id), '[]') AS assignees
       FROM template_steps s WHERE s."templateId" = $1 ORDER BY s.position`,
      [templateId],
    );
  }

  // The newest version of each cooperative duty.
  async listLatest(filter: TemplateFilter): Promise<{ rows: TemplateRow[]; total: number }> {
    const where = [
      `w.version = (SELECT max(version) FROM workflow_templates x WHERE x."dutyId" = w."dutyId")`,
      'd.active',
    ];
    const params: unknown[] = [];
    if (filter.townshipId) {
      params.push(filter.townshipId);
      where.push(`d."townshipId" = $${params.length}`);
    }
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, '\\$&')}%`);
      where.push(`d.name ILIKE $${params.length}`);
    }
    if (filter.needsReview !== undefined) {
      params.push(filter.needsReview);
      where.push(`w."needsReview" = $${params.length}`);
    }
    if (filter.documentUpdated !== undefined)
      where.push(filter.documentUpdated ? `w."documentUpdate" IS NOT NULL` : `w."documentUpdate" IS NULL`);
    const whereSql = where.join(' AND ');
    const total: { n: number }[] = await this.manager.query(
      `SELECT count(*)::int AS n FROM ${TEMPLATE_FROM} WHERE ${whereSql}`,
      params,
    );
    const rows: TemplateRow[] = await this.manager.query(
      `SELECT ${TEMPLATE_COLUMNS} FROM ${TEMPLATE_FROM} WHERE ${whereSql}
       ORDER BY t.county, t.name, d.no LIMIT ${filter.limit} OFFSET ${filter.offset}`,
      params,
    );
    return { rows, total: total[0].n };
  }

  // The newest version of one duty's template (any duty state: the caller checks what it may use).
  async findLatestOfDuty(dutyId: string): Promise<TemplateRow | null> {
    const rows: TemplateRow[] = await this.manager.query(
      `SELECT ${TEMPLATE_COLUMNS} FROM ${TEMPLATE_FROM} WHERE w."dutyId" = $1 ORDER BY w.version DESC LIMIT 1`,
      [dutyId],
    );
    return rows[0] ?? null;
  }

  // Opening a case holds this until commit: no edit (which locks the duty FOR UPDATE) adds a version meanwhile.
  async shareDuty(dutyId: string): Promise<void> {
    await this.manager.query(`SELECT 1 FROM duties WHERE id = $1 FOR SHARE`, [dutyId]);
  }

  async lockDuty(dutyId: string): Promise<void> {
    await this.manager.query(`SELECT 1 FROM duties WHERE id = $1 FOR UPDATE`, [dutyId]);
  }

  async departmentsInCounty(county: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await this.manager.query(
      `SELECT id FROM departments WHERE county = $1 AND id = ANY($2::uuid[])`,
      [county, ids],
    );
    return rows.map((row) => row.id);
  }
}
