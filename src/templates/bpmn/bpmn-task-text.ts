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
  ];
  return { name, documentation: lines.filter((line) => line !== null).join('\n') };
}
