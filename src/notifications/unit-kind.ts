import { UnitRef } from 'src/domain/vocabulary';

// Who holds an inbox: a department or township (id = its uuid), or a county's supervisors
// (id = the county's name, e.g. 奇台县 — counties have no table of their own).
export type UnitKind = UnitRef['kind'];
export const UNIT_KINDS: readonly UnitKind[] = ['department', 'township', 'county'];
export const UNIT_ID_MAX_LENGTH = 100;

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  department: '县直部门',
  township: '乡镇',
  county: '县',
};

export function isUnitKind(value: unknown): value is UnitKind {
  return typeof value === 'string' && (UNIT_KINDS as readonly string[]).includes(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A well-formed id for the kind: a uuid for departments and townships, a short name for a county.
export function isUnitId(kind: UnitKind, value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (kind === 'county') return value.trim().length > 0 && value.length <= UNIT_ID_MAX_LENGTH;
  return UUID.test(value);
}

export function isUnitRef(value: unknown): value is UnitRef {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, id } = value as Record<string, unknown>;
  return isUnitKind(kind) && isUnitId(kind, id);
}

// SQL list for CHECK constraints, kept in step with UNIT_KINDS.
export const UNIT_KINDS_SQL = UNIT_KINDS.map((kind) => `'${kind}'`).join(', ');
