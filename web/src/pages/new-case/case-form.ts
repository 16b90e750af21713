import { identityNumberProblem } from '@personal-data/identity-number';
import { phoneNumberProblem } from '@personal-data/phone-number';
import type { Schemas } from '@/api/types';

// The 发起办件 form's own logic, as pure functions (unit-tested in case-form.spec.ts). The checks are
// the server's own (src/common/personal-data), so a typo is named before the round trip; the API
// checks again and its 400 lands on the same field.
export type CaseFieldDefinition = Schemas['CaseFieldDefinitionDto'];
export type ExtraFieldInput = string | number | boolean | null;

export interface ApplicantForm {
  name: string;
  idNumber: string;
  phone: string;
  village: string;
  address: string;
  remarks: string;
}

export function emptyApplicant(): ApplicantForm {
  return { name: '', idNumber: '', phone: '', village: '', address: '', remarks: '' };
}

// Problems keyed like the API's details.fields (applicant.idNumber, extraFields.<key>).
export function formProblems(
  applicant: ApplicantForm,
  definitions: readonly CaseFieldDefinition[],
  extra: Record<string, ExtraFieldInput>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!applicant.name.trim()) problems['applicant.name'] = '请填写办理对象姓名';
  const idProblem = applicant.idNumber.trim() ? identityNumberProblem(applicant.idNumber) : null;
  if (idProblem) problems['applicant.idNumber'] = `公民身份号码${idProblem}`;
  const phoneProblem = applicant.phone.trim() ? phoneNumberProblem(applicant.phone) : null;
  if (phoneProblem) problems['applicant.phone'] = `联系电话${phoneProblem}`;
  for (const definition of definitions) {
    const problem = extraFieldProblem(definition, extra[definition.key] ?? null);
    if (problem) problems[`extraFields.${definition.key}`] = problem;
  }
  return problems;
}

function isBlank(value: ExtraFieldInput): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

function extraFieldProblem(definition: CaseFieldDefinition, value: ExtraFieldInput): string | null {
  if (isBlank(value)) return definition.required && definition.type !== 'boolean' ? `请填写${definition.label}` : null;
  if (definition.type === 'identity_number') {
    const problem = identityNumberProblem(String(value));
    return problem ? `${definition.label}${problem}` : null;
  }
  if (definition.type === 'phone') {
    const problem = phoneNumberProblem(String(value));
    return problem ? `${definition.label}${problem}` : null;
  }
  return null;
}

// The body's applicant: blank optional fields left out.
export function applicantBody(applicant: ApplicantForm): Schemas['ApplicantInputDto'] {
  const body: Schemas['ApplicantInputDto'] = { name: applicant.name.trim() };
  for (const key of ['idNumber', 'phone', 'village', 'address', 'remarks'] as const) {
    const value = applicant[key].trim();
    if (value) body[key] = value;
  }
  return body;
}

// The body's extraFields: typed as the template declares them; blanks left out (a yes/no field is
// always sent, unticked = false).
export function extraFieldsBody(
  definitions: readonly CaseFieldDefinition[],
  extra: Record<string, ExtraFieldInput>,
): Record<string, string | number | boolean> | undefined {
  const body: Record<string, string | number | boolean> = {};
  for (const definition of definitions) {
    const value = extra[definition.key] ?? null;
    if (definition.type === 'boolean') body[definition.key] = value === true;
    else if (!isBlank(value)) body[definition.key] = typeof value === 'string' ? value.trim() : (value as number);
  }
  return Object.keys(body).length > 0 ? body : undefined;
}

// 办件名称 when left empty: 办理对象 + 事项名称 (what the API would choose too).
export function defaultTitle(name: string, dutyName: string): string {
  return name.trim() ? `${name.trim()} ${dutyName}` : dutyName;
}

// An extra field's value as a person reads it.
export function extraFieldText(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}
