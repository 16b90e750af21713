import { assertHoldsStep, assertSupervises } from 'src/auth/access-policy';
import { StepGuard } from './workflow-engine.service';

// Who may run which step action (always after "may see the case"); the rules themselves live in
// src/auth/access-policy.ts, these only say which one an action uses.

// Claim, complete, skip, send back: the unit holding the step, while the case is open.
export const holderOfOpenCase: StepGuard = (user, work, step) => {
  assertHoldsStep(user, { ...step, townshipId: work.caseRow.townshipId });
  work.assertCaseOpen();
};

// 转办, 催办, 调整期限: a supervisor of the case's county (or an admin), while the case is open.
export const supervisorOfOpenCase =
  (action: string): StepGuard =>
  (user, work) => {
    work.assertCaseOpen();
    assertSupervises(user, action);
  };

// Comments: anyone who may see the case, also after it closed.
export const anyoneWhoSeesTheCase: StepGuard = () => undefined;
