import { identityNumberProblem, normalizeIdentityNumber } from 'src/common/personal-data/identity-number';
import { maskIdentityNumber, maskPhoneNumber } from 'src/common/personal-data/masking';
import { normalizePhoneNumber, phoneNumberProblem } from 'src/common/personal-data/phone-number';

// Extra fields a template declares for the cases opened from it (e.g. 残疾类别, 户籍性质).
export enum CaseFieldType {
  Text = 'text',
  Number = 'number',
  Date = 'date',
  Boolean = 'boolean',
  Select = 'select',
  IdentityNumber = 'identity_number',
  Phone = 'phone',
}

export const CASE_FIELD_TYPE_LABELS: Record<CaseFieldType, string> = {
  [CaseFieldType.Text]: '文本',
  [CaseFieldType.Number]: '数字',
  [CaseFieldType.Date]: '日期',
  [CaseFieldType.Boolean]: '是/否',
  [CaseFieldType.Select]: '选项',
  [CaseFieldType.IdentityNumber]: '公民身份号码',
  [CaseFieldType.Phone]: '电话',
};

export interface CaseFieldDefinition {
  key: string;
  label: string;
  type: CaseFieldType;
  required: boolean;
  options?: string[];
}

export type CaseFieldValue = string | number | boolean;
export type CaseFieldValues = Record<string, CaseFieldValue>;

export interface CaseFieldProblem {
  field: string;
  problem: string;
}

// Checks the values a case gives against its template's declarations; returns the stored form
// (normalised identity numbers and phones) or the list of problems, each naming the field.
export function checkCaseFields(
  definitions: readonly CaseFieldDefinition[],
  values: Record<string, unknown>,
): { values: CaseFieldValues; problems: CaseFieldProblem[] } {
  const problems: CaseFieldProblem[] = [];
  const known = new Set(definitions.map((d) => d.key));
  for (const key of Object.keys(values).filter((k) => !known.has(k))) {
    problems.push({ field: `extraFields.${key}`, problem: '该事项的流程模板没有这个字段' });
  }
  const stored: CaseFieldValues = {};
  for (const definition of definitions) {
    const field = `extraFields.${definition.key}`;
    const raw = values[definition.key];
    if (raw === undefined || raw === null || raw === '') {
      if (definition.required) problems.push({ field, problem: `${definition.label}为必填项` });
      continue;
    }
    const checked = checkValue(definition, raw);
    if (typeof checked === 'object')
      problems.push({ field, problem: `${definition.label}${checked.problem}` });
    else stored[definition.key] = checked;
  }
  return { values: stored, problems };
}

function checkValue(definition: CaseFieldDefinition, raw: unknown): CaseFieldValue | { problem: string } {
  switch (definition.type) {
    case CaseFieldType.Number:
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : { problem: '应为数字' };
    case CaseFieldType.Boolean:
      return typeof raw === 'boolean' ? raw : { problem: '应为 true 或 false' };
    case CaseFieldType.Date:
      return typeof raw === 'string' && isDate(raw) ? raw : { problem: '应为日期（YYYY-MM-DD）' };
    case CaseFieldType.Select:
      return typeof raw === 'string' && (definition.options ?? []).includes(raw)
        ? raw
        : { problem: `应为以下之一：${(definition.options ?? []).join('、')}` };
    case CaseFieldType.IdentityNumber: {
      const problem = typeof raw === 'string' ? identityNumberProblem(raw) : '应为文本';
      return problem ? { problem: `有误：${problem}` } : normalizeIdentityNumber(raw as string);
    }
    case CaseFieldType.Phone: {
      const problem = typeof raw === 'string' ? phoneNumberProblem(raw) : '应为文本';
      return problem ? { problem: `有误：${problem}` } : normalizePhoneNumber(raw as string);
    }
    case CaseFieldType.Text:
      return typeof raw === 'string' && raw.length <= 500
        ? raw.trim()
        : { problem: '应为不超过 500 字的文本' };
  }
}

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

// Identity numbers and phones among the extra fields are masked like the applicant's own.
export function maskCaseFields(
  definitions: readonly CaseFieldDefinition[],
  values: CaseFieldValues | null,
): CaseFieldValues | null {
  if (!values) return values;
  const masked: CaseFieldValues = { ...values };
  for (const definition of definitions) {
    const value = masked[definition.key];
    if (typeof value !== 'string') continue;
    if (definition.type === CaseFieldType.IdentityNumber)
      masked[definition.key] = maskIdentityNumber(value) ?? '';
    if (definition.type === CaseFieldType.Phone) masked[definition.key] = maskPhoneNumber(value) ?? '';
  }
  return masked;
}

// Declarations themselves, when a template version is saved: keys unique, labels present, select options.
export function caseFieldDefinitionProblems(definitions: readonly CaseFieldDefinition[]): CaseFieldProblem[] {
  const problems: CaseFieldProblem[] = [];
  const seen = new Set<string>();
  definitions.forEach((definition, i) => {
    const field = `caseFields[${i}]`;
    if (seen.has(definition.key)) problems.push({ field, problem: `字段键 ${definition.key} 重复` });
    seen.add(definition.key);
    if (definition.type === CaseFieldType.Select && (definition.options ?? []).length === 0)
      problems.push({ field, problem: '选项类字段至少需要一个选项' });
  });
  return problems;
}
