import { StepLane } from 'src/domain/vocabulary';
import { DependencyEvidence } from 'src/domain/dependency-evidence';

// Everything the BPMN export needs of one template version, already resolved to names.
export interface BpmnStepInput {
  position: number; // 1-based, unique within the template; dependsOn refers to these
  lane: StepLane;
  section: string | null;
  order: number;
  text: string;
  assignees: { id: string; name: string }[]; // department lane: departments; township lane: the township
  dependsOn: number[];
  dueWorkingDays: number;
  optional: boolean;
  standing?: boolean;
  /** Why each dependency is there; drawn on its sequence flow. */
  evidence?: DependencyEvidence[];
}

export interface BpmnTemplateInput {
  id: string;
  version: number;
  name: string; // the duty's name, e.g. 残疾人证管理
  township: { name: string; county: string };
  steps: BpmnStepInput[];
}
