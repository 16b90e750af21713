import type { components } from './schema';

// Response shapes the pages read. Where the server declares a response DTO, the type comes from the
// generated schema (a changed shape fails `npm run build`); the rest mirror the server's row types
// until their DTOs land.
export type Schemas = components['schemas'];
export type Session = Schemas['SessionDto'];
export type SessionUser = Session['user'];

export interface Page<T> {
  items: T[];
  total: number;
}

export interface StepRow {
  id: string;
  caseId: string;
  position: number;
  lane: string;
  section: string | null;
  order: number;
  text: string;
  assigneeDepartmentIds: string[];
  assigneeNames?: string[];
  dependsOn: number[];
  dueWorkingDays: number;
  optional: boolean;
  status: string;
  claimedBy: string | null;
  readyAt: string | null;
  dueDate: string | null;
  dueAt: string | null;
  completedAt: string | null;
  note: string | null;
  returnCount?: number; // times sent back for 补正
}

// 待办 / 已办 rows and 消息 come from their response DTOs.
export type WorkItem = Schemas['WorkItemDto'];

export interface CaseRow {
  id: string;
  templateId: string;
  templateVersion: number;
  dutyName: string;
  townshipId: string;
  townshipName: string;
  county: string;
  title: string;
  subject: string;
  note: string | null;
  sections: string[] | null;
  status: string;
  createdBy: string;
  createdByName?: string | null;
  createdAt: string;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface CaseDetail extends CaseRow {
  steps: StepRow[];
}

export interface CaseEvent {
  id: string;
  stepId: string | null;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  actorName: string | null;
  stepPosition: number | null;
  createdAt: string;
  data: Record<string, unknown> | null;
}

export type NotificationRow = Schemas['NotificationResponseDto'];
