import { BpmnStepInput } from 'src/templates/bpmn/bpmn-input';

// One lane per assignee set: a joint step (several departments) gets its own lane named with 、;
// all township steps share one lane named after the township.

export interface LaneSpec {
  id: string;
  name: string;
}

export interface LanePlan {
  lanes: LaneSpec[];
  laneIdOf: (step: BpmnStepInput) => string;
}

const UNASSIGNED_LANE = '未指派部门';

/** Department lanes in order of first appearance (steps in position order), township lane last. */
export function planLanes(steps: BpmnStepInput[], townshipName: string): LanePlan {
  const departmentNames = steps.filter((s) => s.lane !== 'township').map(departmentLaneName);
  const names = [...new Set(departmentNames)];
  const hasTownshipSteps = steps.some((s) => s.lane === 'township');
  if (hasTownshipSteps && !names.includes(townshipName)) names.push(townshipName);
  const lanes = names.map((name, i) => ({ id: `Lane_${i + 1}`, name }));
  const idByName = new Map(lanes.map((lane) => [lane.name, lane.id]));
  const laneIdOf = (step: BpmnStepInput): string => {
    const name = step.lane === 'township' ? townshipName : departmentLaneName(step);
    const id = idByName.get(name);
    if (id === undefined) throw new Error(`BPMN export: no lane planned for step ${step.position}`);
    return id;
  };
  return { lanes, laneIdOf };
}

function departmentLaneName(step: BpmnStepInput): string {
  const names = step.assignees.map((a) => a.name.trim()).filter((name) => name.length > 0);
  return names.length > 0 ? names.join('、') : UNASSIGNED_LANE;
}
