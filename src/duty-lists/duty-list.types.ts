// The parser's output: a plain, JSON-serialisable picture of one 履职事项清单 document.
// The importer consumes exactly this shape; `npm run cli -- parse <file>` prints it.

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

export interface ParsedBasicDuty {
  no: number;
  category: string;
  name: string;
  line: number;
}

export interface ParsedStep {
  lane: StepLane;
  /** County-prefixed department names (奇台县残联), or the township's name for the township lane. */
  assignees: string[];
  /** Sub-process heading (一、…) the step sits under, or null. */
  section: string | null;
  /** 1-based order within (lane, section) in document order. */
  order: number;
  text: string;
}

export interface ParsedCooperativeDuty {
  no: number;
  category: string;
  name: string;
  /** County-prefixed department names; the first is the lead department. */
  departments: string[];
  steps: ParsedStep[];
  warnings: ParseWarning[];
  line: number;
}

export interface ParsedWithdrawnDuty {
  no: number;
  category: string;
  name: string;
  departments: string[];
  /** 工作方式: how the department now does it. */
  method: string;
  warnings: ParseWarning[];
  line: number;
}

export interface ParsedDutyList {
  township: ParsedTownship;
  basic: ParsedBasicDuty[];
  cooperative: ParsedCooperativeDuty[];
  withdrawn: ParsedWithdrawnDuty[];
  /** Document-level warnings plus every row warning, so one list shows all a reviewer must check. */
  warnings: ParseWarning[];
}
