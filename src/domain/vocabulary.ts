// Words every feature shares (the duty lists, templates, the engine, supervision): they live below all of
// them so that no feature imports another just for a type.

export type DutyListKind = 'basic' | 'cooperative' | 'withdrawn';
export type StepLane = 'department' | 'township';

export interface ParseWarning {
  /** Machine-readable code, e.g. MISSING_DEPARTMENT, DAMAGED_CELL, DEPARTMENT_ADDED_FROM_STEPS, TOTAL_MISMATCH. */
  code: string;
  /** Which field of the row (or document) the warning is about, e.g. 'departments', 'name', 'steps'. */
  field: string;
  /** A Chinese message a clerk can act on. */
  message: string;
  /** 1-based line in the source file. */
  line: number;
  /** Which list and row number, when the warning belongs to a row. */
  list?: DutyListKind;
  no?: number;
}

export interface ParsedTownship {
  name: string; // 三个庄子镇
  county: string; // 奇台县
  prefecture: string; // 昌吉回族自治州
}

// A unit that holds work or receives notices: a department, a township, or (escalation rung 2,
// digests) a county's supervisors.
export interface UnitRef {
  kind: 'department' | 'township' | 'county';
  id: string; // department/township id; for a county, its name (e.g. 奇台县)
}
