import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { StepLane } from 'src/domain/vocabulary';

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
}

export interface TemplateVersionWrite {
  dutyId: string;
  version: number;
  name: string;
  contentHash: string;
  documentId: string | null;
  steps: TemplateStepWrite[];
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
  ): Promise<Map<string, { version: number; contentHash: string }>> {
    if (dutyIds.length === 0) return new Map();
    const rows: { dutyId: string; version: number; contentHash: string }[] = await manager.query(
      `SELECT DISTINCT ON ("dutyId") "dutyId", version, "contentHash" FROM workflow_templates
       WHERE "dutyId" = ANY($1::uuid[]) ORDER BY "dutyId", version DESC`,
      [dutyIds],
    );
    return new Map(rows.map((row) => [row.dutyId, { version: row.version, contentHash: row.contentHash }]));
  }

  async insertVersion(manager: EntityManager, template: TemplateVersionWrite): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO workflow_templates ("dutyId", version, name, "contentHash", "documentId")
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [template.dutyId, template.version, template.name, template.contentHash, template.documentId],
    );
    const templateId = rows[0].id;
    if (template.steps.length > 0) {
      await manager.query(
        `INSERT INTO template_steps ("templateId", position, lane, section, "order", text, "assigneeDepartmentIds",
                                     "dependsOn", "dueWorkingDays", optional)
         SELECT $1, s.position, s.lane, s.section, s."order", s.text,
                ARRAY(SELECT jsonb_array_elements_text(s."assigneeDepartmentIds"))::uuid[],
                ARRAY(SELECT jsonb_array_elements_text(s."dependsOn"))::int[],
                s."dueWorkingDays", s.optional
         FROM jsonb_to_recordset($2::jsonb) AS s(position int, lane varchar, section text, "order" int, text text,
              "assigneeDepartmentIds" jsonb, "dependsOn" jsonb, "dueWorkingDays" int, optional boolean)`,
        [templateId, JSON.stringify(template.steps)],
      );
    }
    return templateId;
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
  createdAt: Date;
  stepCount: number;
}

export interface TemplateFilter {
  townshipId?: string;
  q?: string;
  limit: number;
  offset: number;
}

const TEMPLATE_COLUMNS = `w.id, w."dutyId", w.version,
  (SELECT max(version) FROM workflow_templates x WHERE x."dutyId" = w."dutyId") AS "latestVersion",
  w.name, d.no AS "dutyNo", d.category, d."townshipId", t.name AS "townshipName", t.county, w."documentId", w."createdAt",
  (SELECT count(*)::int FROM template_steps s WHERE s."templateId" = w.id) AS "stepCount",
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
              s."dueWorkingDays", s.optional,
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
