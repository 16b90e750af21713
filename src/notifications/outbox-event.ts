// What the workflow engine records, inside its own transaction, for the notification pipeline to
// deliver after commit (transactional outbox: a crash between commit and enqueue loses nothing).

import { UnitRef } from 'src/domain/vocabulary';

export enum OutboxEventType {
  StepReady = 'step_ready',
  StepReturned = 'step_returned',
  StepReassigned = 'step_reassigned',
  StepReminder = 'step_reminder',
  StepOverdue = 'step_overdue',
  StepEscalated = 'step_escalated',
  StepUrged = 'step_urged',
  OverdueDigest = 'overdue_digest',
}

export interface StepOutboxPayload {
  // null for a notice about no single step (the daily overdue digest).
  caseId: string | null;
  stepId: string | null;
  caseTitle: string;
  stepText: string;
  // The units that now hold the step (department lane: its departments; township lane: the township).
  units: UnitRef[];
  dueDate: string | null;
  note?: string;
  // Escalation rung (1 = the holder's leadership, 2 = county supervisors); working days overdue.
  level?: number;
  daysOverdue?: number;
}

export interface OutboxEventInput {
  type: OutboxEventType;
  payload: StepOutboxPayload;
}
