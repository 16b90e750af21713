// What the workflow engine records, inside its own transaction, for the notification pipeline to
// deliver after commit (transactional outbox: a crash between commit and enqueue loses nothing).

export enum OutboxEventType {
  StepReady = 'step_ready',
  StepReturned = 'step_returned',
  StepReassigned = 'step_reassigned',
}

export interface UnitRef {
  kind: 'department' | 'township';
  id: string;
}

export interface StepOutboxPayload {
  caseId: string;
  stepId: string;
  caseTitle: string;
  stepText: string;
  // The units that now hold the step (department lane: its departments; township lane: the township).
  units: UnitRef[];
  dueDate: string | null;
  note?: string;
}

export interface OutboxEventInput {
  type: OutboxEventType;
  payload: StepOutboxPayload;
}
