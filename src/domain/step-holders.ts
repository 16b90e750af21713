import { StepLane, UnitRef } from './vocabulary';

// Which units hold a step, in one place: a department-lane step is held by its assignee departments,
// a township-lane step by the case's township. Access checks, inboxes, notifications and the
// deadline ladder all ask this.
export interface HeldStep {
  lane: StepLane;
  assigneeDepartmentIds: string[];
}

export function holdersOf(step: HeldStep, caseTownshipId: string): UnitRef[] {
  switch (step.lane) {
    case 'department':
      return step.assigneeDepartmentIds.map((id) => ({ kind: 'department' as const, id }));
    case 'township':
      return [{ kind: 'township' as const, id: caseTownshipId }];
  }
}

export function isHeldBy(step: HeldStep, caseTownshipId: string, unit: UnitRef): boolean {
  return holdersOf(step, caseTownshipId).some((holder) => holder.kind === unit.kind && holder.id === unit.id);
}
