import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { StepLane, UnitRef } from 'src/domain/vocabulary';
import { StepStatus } from 'src/domain/step-status';

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
  /** A standing duty: does not hold the case open (closes as not applicable when the rest is done). */
  standing: boolean;
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
  returnCount: number;
  awaitingCorrection: boolean;
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
  | 'standing'
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
  returnCount?: number;
  awaitingCorrection?: boolean;
}

export const STEP_COLUMNS = `s.id, s."caseId", s."templateStepId", s.position, s.lane, s.section, s."order", s.text,
  s."assigneeDepartmentIds", s."dependsOn", s."dueWorkingDays", s.optional, s.standing, s.status, s."claimedBy", s."readyAt",
  to_char(s."dueDate", 'YYYY-MM-DD') AS "dueDate", s."dueAt",
  s."remindAt", s."remindedAt", s."overdueAt", s."escalationLevel", s."escalatedAt", s."nextEscalationAt", s."completedAt", s."completedBy",
  s.note, s."returnCount", s."awaitingCorrection", s.revision`;

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
  'returnCount',
  'awaitingCorrection',
];

@Injectable()
export class StepsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertMany(manager: EntityManager, caseId: string, steps: NewStep[]): Promise<StepRow[]> {
    return manager.query(
      `INSERT INTO case_steps ("caseId", "templateStepId", position, lane, section, "order", text,
         "assigneeDepartmentIds", "dependsOn", "dueWorkingDays", optional, standing, status)
       SELECT $1, s."templateStepId", s.position, s.lane, s.section, s."order", s.text,
         ARRAY(SELECT jsonb_array_elements_text(s."assigneeDepartmentIds"))::uuid[],
         ARRAY(SELECT jsonb_array_elements_text(s."dependsOn"))::int[], s."dueWorkingDays", s.optional, s.standing,
         'pending'
       FROM jsonb_to_recordset($2::jsonb) AS s("templateStepId" uuid, position int, lane varchar, section text,
         "order" int, text text, "assigneeDepartmentIds" jsonb, "dependsOn" jsonb, "dueWorkingDays" int, optional boolean,
         standing boolean)
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
}

// SQL of holdersOf (src/domain/step-holders.ts) for step `s` of case `c`; the unit's id is $1.
export function heldBy(unit: UnitRef): string {
  switch (unit.kind) {
    case 'department':
      return `s.lane = 'department' AND s."assigneeDepartmentIds" && ARRAY[$1]::uuid[]`;
    case 'township':
      return `s.lane = 'township' AND c."townshipId" = $1`;
    case 'county':
      return `false`; // counties oversee; they hold no steps
  }
}
