import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { StepLane, UnitRef } from 'src/domain/vocabulary';
import { OPEN_STEP_STATUSES_SQL, StepStatus } from 'src/domain/step-status';

export interface StepRow {
  id: string;
  caseId: string;
  templateStepId: string | null;
  position: number;
  lane: StepLane;
  section: string | null;
  order: number;
  text: string;
  assigneeDepartmentIds: string[];
  dependsOn: number[];
  dueWorkingDays: number;
  optional: boolean;
  status: StepStatus;
  claimedBy: string | null;
  readyAt: Date | null;
  dueDate: string | null;
  dueAt: Date | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  overdueAt: Date | null;
  escalationLevel: number;
  escalatedAt: Date | null;
  nextEscalationAt: Date | null;
  completedAt: Date | null;
  completedBy: string | null;
  note: string | null;
  revision: number;
}

export type NewStep = Pick<
  StepRow,
  | 'templateStepId'
  | 'position'
  | 'lane'
  | 'section'
  | 'order'
  | 'text'
  | 'assigneeDepartmentIds'
  | 'dependsOn'
  | 'dueWorkingDays'
  | 'optional'
>;

export interface StepPatch {
  status?: StepStatus;
  dueWorkingDays?: number;
  claimedBy?: string | null;
  readyAt?: Date | null;
  dueDate?: string | null;
  dueAt?: Date | null;
  remindAt?: Date | null;
  remindedAt?: Date | null;
  overdueAt?: Date | null;
  escalationLevel?: number;
  escalatedAt?: Date | null;
  nextEscalationAt?: Date | null;
  completedAt?: Date | null;
  completedBy?: string | null;
  note?: string | null;
  assigneeDepartmentIds?: string[];
}

export interface InboxRow extends StepRow {
  caseTitle: string;
  caseSubject: string;
  townshipId: string;
  townshipName: string;
  dutyName: string;
  dutyCategory: string;
  templateVersion: number;
}

export const STEP_COLUMNS = `s.id, s."caseId", s."templateStepId", s.position, s.lane, s.section, s."order", s.text,
  s."assigneeDepartmentIds", s."dependsOn", s."dueWorkingDays", s.optional, s.status, s."claimedBy", s."readyAt",
  to_char(s."dueDate", 'YYYY-MM-DD') AS "dueDate", s."dueAt",
  s."remindAt", s."remindedAt", s."overdueAt", s."escalationLevel", s."escalatedAt", s."nextEscalationAt", s."completedAt", s."completedBy",
  s.note, s.revision`;

const PATCHABLE: (keyof StepPatch)[] = [
  'status',
  'dueWorkingDays',
  'claimedBy',
  'readyAt',
  'dueDate',
  'dueAt',
  'remindAt',
  'remindedAt',
  'overdueAt',
  'escalationLevel',
  'escalatedAt',
  'nextEscalationAt',
  'completedAt',
  'completedBy',
  'note',
  'assigneeDepartmentIds',
];

@Injectable()
export class StepsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertMany(manager: EntityManager, caseId: string, steps: NewStep[]): Promise<StepRow[]> {
    return manager.query(
      `INSERT INTO case_steps ("caseId", "templateStepId", position, lane, section, "order", text,
         "assigneeDepartmentIds", "dependsOn", "dueWorkingDays", optional, status)
       SELECT $1, s."templateStepId", s.position, s.lane, s.section, s."order", s.text,
         ARRAY(SELECT jsonb_array_elements_text(s."assigneeDepartmentIds"))::uuid[],
         ARRAY(SELECT jsonb_array_elements_text(s."dependsOn"))::int[], s."dueWorkingDays", s.optional, 'pending'
       FROM jsonb_to_recordset($2::jsonb) AS s("templateStepId" uuid, position int, lane varchar, section text,
         "order" int, text text, "assigneeDepartmentIds" jsonb, "dependsOn" jsonb, "dueWorkingDays" int, optional boolean)
       RETURNING ${STEP_COLUMNS.replace(/s\./g, '')}`,
      [caseId, JSON.stringify(steps)],
    );
  }

  findByCase(manager: EntityManager, caseId: string): Promise<StepRow[]> {
    return manager.query(
      `SELECT ${STEP_COLUMNS} FROM case_steps s WHERE s."caseId" = $1 ORDER BY s.position`,
      [caseId],
    );
  }

  async findCaseIdOfStep(stepId: string): Promise<string | null> {
    const rows: { caseId: string }[] = await this.dataSource.query(
      `SELECT "caseId" FROM case_steps WHERE id = $1`,
      [stepId],
    );
    return rows[0]?.caseId ?? null;
  }

  // Applies the patch and bumps the revision; the caller holds the case lock.
  async update(manager: EntityManager, stepId: string, patch: StepPatch): Promise<void> {
    const keys = PATCHABLE.filter((key) => key in patch);
    const sets = keys.map((key, i) => `"${key}" = $${i + 2}`);
    await manager.query(
      `UPDATE case_steps SET ${[...sets, 'revision = revision + 1'].join(', ')} WHERE id = $1`,
      [stepId, ...keys.map((key) => patch[key])],
    );
  }

  // The ready and in-progress steps a unit holds, earliest due first.
  inbox(unit: UnitRef, limit: number, offset: number): Promise<InboxRow[]> {
    return this.dataSource.query(
      `SELECT ${STEP_COLUMNS}, c.title AS "caseTitle", c.subject AS "caseSubject", c."townshipId",
              t.name AS "townshipName", d.name AS "dutyName", d.category AS "dutyCategory", w.version AS "templateVersion"
       FROM case_steps s JOIN cases c ON c.id = s."caseId" JOIN townships t ON t.id = c."townshipId"
       JOIN workflow_templates w ON w.id = c."templateId" JOIN duties d ON d.id = w."dutyId"
       WHERE s.status IN (${OPEN_STEP_STATUSES_SQL}) AND ${heldBy(unit)}
       ORDER BY s."dueAt" ASC NULLS LAST, s."readyAt" ASC, s.id
       LIMIT ${limit} OFFSET ${offset}`,
      [unit.id],
    );
  }

  async countInbox(unit: UnitRef): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM case_steps s JOIN cases c ON c.id = s."caseId"
       WHERE s.status IN (${OPEN_STEP_STATUSES_SQL}) AND ${heldBy(unit)}`,
      [unit.id],
    );
    return rows[0].n;
  }
}

// SQL of holdersOf (src/domain/step-holders.ts) for step `s` of case `c`; the unit's id is $1.
function heldBy(unit: UnitRef): string {
  switch (unit.kind) {
    case 'department':
      return `s.lane = 'department' AND s."assigneeDepartmentIds" && ARRAY[$1]::uuid[]`;
    case 'township':
      return `s.lane = 'township' AND c."townshipId" = $1`;
    case 'county':
      return `false`; // counties oversee; they hold no steps
  }
}
