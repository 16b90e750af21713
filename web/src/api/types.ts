import type { components } from './schema';

// Response shapes the pages read, from the generated schema: a changed shape fails `npm run build`.
export type Schemas = components['schemas'];
export type Session = Schemas['SessionDto'];
export type SessionUser = Session['user'];

export interface Page<T> {
  items: T[];
  total: number;
}

// 办件详情: the case with its steps, and its 办理记录.
export type StepRow = Schemas['StepResponseDto'];
export type CaseDetail = Schemas['CaseDetailResponseDto'];
export type CaseEvent = Schemas['CaseEventResponseDto'];

// 待办 / 已办 rows and 消息 come from their response DTOs.
export type WorkItem = Schemas['WorkItemDto'];
export type NotificationRow = Schemas['NotificationResponseDto'];
