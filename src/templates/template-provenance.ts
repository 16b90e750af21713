import type { TemplateStepWrite } from './templates.repository';

// Where a template version came from, and what a changed document would change in a person's version.

export type TemplateOrigin = 'document' | 'person';

export const TEMPLATE_ORIGIN_LABELS: Readonly<Record<TemplateOrigin, string>> = {
  document: '由清单文件生成',
  person: '人工修改',
};

export type ComparedStep = Pick<
  TemplateStepWrite,
  'position' | 'lane' | 'section' | 'text' | 'assigneeDepartmentIds' | 'dependsOn' | 'standing'
>;

export interface StepDifference {
  position: number;
  change: 'added' | 'removed' | 'changed';
  /** Which fields differ (text, lane, section, assigneeDepartmentIds, dependsOn, standing). */
  fields: string[];
  before: ComparedStep | null;
  after: ComparedStep | null;
}

export interface DocumentUpdate {
  /** The changed document's row hash and where it came from. */
  sourceHash: string;
  documentId: string;
  detectedAt: string;
  /** The person's version (before) against what the new document derives (after), by position. */
  differences: StepDifference[];
  /** The document-derived version this would become if adopted. */
  proposed: { name: string; contentHash: string; needsReview: boolean; steps: TemplateStepWrite[] };
}

const COMPARED_FIELDS = [
  'lane',
  'section',
  'text',
  'assigneeDepartmentIds',
  'dependsOn',
  'standing',
] as const;

function pick(step: ComparedStep): ComparedStep {
  const { position, lane, section, text, assigneeDepartmentIds, dependsOn, standing } = step;
  return { position, lane, section, text, assigneeDepartmentIds, dependsOn, standing };
}

export function diffSteps(before: readonly ComparedStep[], after: readonly ComparedStep[]): StepDifference[] {
  const old = new Map(before.map((step) => [step.position, step]));
  const next = new Map(after.map((step) => [step.position, step]));
  const positions = [...new Set([...old.keys(), ...next.keys()])].sort((a, b) => a - b);
  const differences: StepDifference[] = [];
  for (const position of positions) {
    const a = old.get(position);
    const b = next.get(position);
    if (!a && b) differences.push({ position, change: 'added', fields: [], before: null, after: pick(b) });
    else if (a && !b)
      differences.push({ position, change: 'removed', fields: [], before: pick(a), after: null });
    else if (a && b) {
      const fields = COMPARED_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
      if (fields.length > 0)
        differences.push({ position, change: 'changed', fields, before: pick(a), after: pick(b) });
    }
  }
  return differences;
}
