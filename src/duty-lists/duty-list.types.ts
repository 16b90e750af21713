// The parser's output: a plain, JSON-serialisable picture of one 履职事项清单 document.
// The importer consumes exactly this shape; `npm run cli -- parse <file>` prints it.

import { ParseWarning, ParsedTownship, StepLane } from 'src/domain/vocabulary';

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
