import { DEPENDENCY_RULE_LABELS, DependencyEvidence, DependencyRule } from 'src/domain/dependency-evidence';
import { BpmnStepInput } from 'src/templates/bpmn/bpmn-input';

// Readable task names for the diagram; the full details go into bpmn:documentation.

const MAX_NAME_LENGTH = 60;

export interface TaskText {
  name: string;
  documentation: string;
}

export function taskText(step: BpmnStepInput, laneName: string): TaskText {
  const fullText = step.text.trim();
  const oneLine = fullText.replace(/\s+/g, ' ');
  const chars = Array.from(oneLine); // by code point, so a surrogate pair is never cut in half
  const shortened = chars.length > MAX_NAME_LENGTH;
  const name = shortened ? `${chars.slice(0, MAX_NAME_LENGTH - 1).join('')}…` : oneLine;
  const lines = [
    shortened ? fullText : null,
    step.section ? `环节：${step.section.trim()}` : null,
    `承办：${laneName}`,
    `期限 ${step.dueWorkingDays} 个工作日`,
    step.optional ? '可选' : null,
    step.standing ? '常态化职责（不阻止办结）' : null,
  ];
  return { name, documentation: lines.filter((line) => line !== null).join('\n') };
}

// A dependency flow: handoffs are named on the diagram (rule and triggering words); plain document order
// only carries documentation, so the diagram stays readable.
export function evidenceText(evidence: DependencyEvidence): { name?: string; documentation: string } {
  const label = DEPENDENCY_RULE_LABELS[evidence.rule];
  const words = evidence.words.filter((w) => w !== '').join(' → ');
  const documentation = `依据：${label}（${evidence.rule}）${words ? `；触发词：${words}` : ''}`;
  const named = evidence.rule !== DependencyRule.LaneOrder;
  return named ? { name: words ? `${label}：${words}` : label, documentation } : { documentation };
}
