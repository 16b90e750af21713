// Why a template step waits for another: shared by the importer (which infers it), the templates (which
// store and draw it) and the engine.

export enum DependencyRule {
  /** Within one lane (department sub-lane or township) and section, the document's order. */
  LaneOrder = 'lane-order',
  /** The township reports / submits to a county department, whose next step works on it. */
  TownshipToDepartment = 'township-to-department',
  /** A county department hands work down (推送/下发/发放至镇…), the township's next step acts on it. */
  DepartmentToTownship = 'department-to-township',
  /** "…后" (批复后, 审核通过后, 接到清单后): waits for the step in another lane that produces it. */
  AfterCondition = 'after-condition',
  /** Saved by a person in the template editor. */
  Person = 'person',
}

export const DEPENDENCY_RULE_LABELS: Readonly<Record<DependencyRule, string>> = {
  [DependencyRule.LaneOrder]: '文件顺序',
  [DependencyRule.TownshipToDepartment]: '乡镇报送部门',
  [DependencyRule.DepartmentToTownship]: '部门交办乡镇',
  [DependencyRule.AfterCondition]: '“…后”条件',
  [DependencyRule.Person]: '人工设置',
};

export interface DependencyEvidence {
  /** Position of the step depended on. */
  on: number;
  rule: DependencyRule;
  /** The words that triggered the rule, from the depended-on step first. */
  words: string[];
}
