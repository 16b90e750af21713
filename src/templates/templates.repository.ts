import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StepLane } from 'src/duty-lists/duty-list.types';

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
