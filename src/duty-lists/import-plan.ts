import { sha256 } from 'src/common/hash';
import { DutyWrite } from 'src/duties/duties.repository';
import { TemplateStepWrite } from 'src/templates/templates.repository';
import { ParsedCooperativeDuty, ParsedDutyList, ParsedStep } from './duty-list.types';
import { DutyListKind, ParsedTownship, ParseWarning } from 'src/domain/vocabulary';
import { departmentMentionForms } from './handoffs/department-mentions';
import { inferHandoffs } from './handoffs/infer-handoffs';

// Pure helpers of the importer: what to write, computed from a parsed document without a database.

export const DEFAULT_STEP_WORKING_DAYS = 5;

// Short forms the documents use for a county department: 奇台县残联 → 县残联, 残联;
// 奇台县委组织部 → 县委组织部 (not 委组织部, which nobody writes).
export function departmentAliases(fullName: string, county: string): string[] {
  if (!fullName.startsWith(county)) return [];
  const rest = fullName.slice(county.length);
  if (rest.length === 0) return [];
  const aliases = [`县${rest}`];
  if (!rest.startsWith('委') && rest.length >= 2) aliases.push(rest);
  return aliases;
}

// Every department a document names: in department cells and as step assignees.
export function departmentNames(parsed: ParsedDutyList): string[] {
  const names = new Set<string>();
  for (const row of parsed.cooperative) {
    row.departments.forEach((name) => names.add(name));
    row.steps
      .filter((step) => step.lane === 'department')
      .forEach((step) => step.assignees.forEach((n) => names.add(n)));
  }
  parsed.withdrawn.forEach((row) => row.departments.forEach((name) => names.add(name)));
  return [...names].filter((name) => name.trim().length > 0).sort();
}

// Bump when the handoff rules change: document-derived versions are then derived again at the next
// import (person-edited ones are left alone; their row text did not change).
export const HANDOFF_RULES_REVISION = 2;

export interface DerivedTemplate {
  steps: TemplateStepWrite[];
  needsReview: boolean;
}

// A cooperative duty's flow as the text describes it: document order within each (lane or department
// sub-lane, section), plus the handoffs and standing duties inferred from the words (handoffs/).
export function buildTemplateSteps(
  row: ParsedCooperativeDuty,
  departmentIds: ReadonlyMap<string, string>,
  township: ParsedTownship,
): DerivedTemplate {
  const flow = inferHandoffs(row.steps, {
    township: township.name,
    mentionForms: (department) => departmentMentionForms(department, township.county),
  });
  const steps = row.steps.map((step, index) => {
    const inferred = flow.steps[index];
    return {
      position: index + 1,
      lane: step.lane,
      section: step.section,
      order: step.order,
      text: step.text,
      assigneeDepartmentIds: step.lane === 'department' ? resolveIds(step, departmentIds) : [],
      dependsOn: inferred.dependsOn,
      dueWorkingDays: DEFAULT_STEP_WORKING_DAYS,
      optional: false,
      standing: inferred.standing,
      evidence: inferred.evidence,
    };
  });
  return { steps, needsReview: flow.needsReview };
}

function resolveIds(step: ParsedStep, departmentIds: ReadonlyMap<string, string>): string[] {
  return step.assignees.map((name) => departmentIds.get(name)).filter((id): id is string => id !== undefined);
}

// What a row is, for change detection; line numbers are left out so moving a row changes nothing.
export function dutyHash(row: {
  category: string;
  name: string;
  departments?: string[];
  method?: string | null;
  warnings?: ParseWarning[];
}): string {
  const warnings = (row.warnings ?? []).map((w) => [w.code, w.field, w.message]);
  return sha256(
    JSON.stringify([row.category, row.name, row.departments ?? [], row.method ?? null, warnings]),
  );
}

// The document row a template rests on: equal on re-import means the text did not change.
export function templateSourceHash(row: ParsedCooperativeDuty): string {
  return sha256(
    JSON.stringify([row.name, row.steps.map((s) => [s.lane, s.section, s.order, s.text, s.assignees])]),
  );
}

// What a document-derived version holds: its row and the rules that read it.
export function derivedTemplateHash(sourceHash: string): string {
  return sha256(JSON.stringify(['handoff-rules', HANDOFF_RULES_REVISION, sourceHash]));
}

// The database keys rows by (township, list, 序号); two rows with one number cannot both be kept,
// and dropping one silently is worse than refusing the document.
export function findDuplicateRowNumbers(
  parsed: ParsedDutyList,
): { list: string; no: number; lines: number[] }[] {
  const lists = { basic: parsed.basic, cooperative: parsed.cooperative, withdrawn: parsed.withdrawn };
  return Object.entries(lists).flatMap(([list, rows]) => {
    const lines = new Map<number, number[]>();
    rows.forEach((row) => lines.set(row.no, [...(lines.get(row.no) ?? []), row.line]));
    return [...lines.entries()]
      .filter(([, at]) => at.length > 1)
      .map(([no, at]) => ({ list, no, lines: at }));
  });
}

interface AnyDutyRow {
  no: number;
  category: string;
  name: string;
  line: number;
  departments?: string[];
  method?: string;
}

// Every row of the three lists as the duties table stores it. A row's warnings come from the
// document-wide list, which holds every row's (basic rows carry none of their own).
export function dutyWrites(
  parsed: ParsedDutyList,
  townshipId: string,
  departmentIds: ReadonlyMap<string, string>,
): DutyWrite[] {
  const toWrite = (list: DutyListKind, row: AnyDutyRow): DutyWrite => {
    const warnings = parsed.warnings.filter((warning) => warning.list === list && warning.no === row.no);
    const departments = row.departments ?? [];
    return {
      townshipId,
      list,
      no: row.no,
      category: row.category,
      name: row.name,
      method: row.method ?? null,
      warnings,
      sourceLine: row.line,
      departmentIds: departments
        .map((name) => departmentIds.get(name))
        .filter((id): id is string => id !== undefined),
      contentHash: dutyHash({ ...row, method: row.method ?? null, warnings }),
    };
  };
  return [
    ...parsed.basic.map((row) => toWrite('basic', row)),
    ...parsed.cooperative.map((row) => toWrite('cooperative', row)),
    ...parsed.withdrawn.map((row) => toWrite('withdrawn', row)),
  ];
}
