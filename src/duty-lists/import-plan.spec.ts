import { ParsedCooperativeDuty, ParsedDutyList } from './duty-list.types';
import {
  buildTemplateSteps,
  departmentAliases,
  departmentNames,
  DEFAULT_STEP_WORKING_DAYS,
  dutyHash,
  findDuplicateRowNumbers,
  templateSourceHash,
} from './import-plan';

const row = (steps: ParsedCooperativeDuty['steps']): ParsedCooperativeDuty => ({
  no: 1,
  category: '民生服务',
  name: '残疾人证管理',
  departments: ['奇台县残联'],
  steps,
  warnings: [],
  line: 10,
});

describe(departmentAliases.name, () => {
  it('should give the 县… and bare short forms of a county department', () => {
    expect(departmentAliases('奇台县残联', '奇台县')).toEqual(['县残联', '残联']);
  });

  it('should not invent a bare form for party committee departments', () => {
    expect(departmentAliases('奇台县委组织部', '奇台县')).toEqual(['县委组织部']);
  });

  it('should give no alias for a name from another county', () => {
    expect(departmentAliases('昌吉州生态环境局奇台县分局', '奇台县')).toEqual([]);
  });
});

describe(buildTemplateSteps.name, () => {
  const ids = new Map([
    ['奇台县残联', 'dep-1'],
    ['奇台县民政局', 'dep-2'],
  ]);

  it('should chain steps within one lane and section and run lanes and sections in parallel', () => {
    const { steps, needsReview } = buildTemplateSteps(
      row([
        { lane: 'department', assignees: ['奇台县残联'], section: null, order: 1, text: 'a' },
        { lane: 'department', assignees: ['奇台县残联', '奇台县民政局'], section: null, order: 2, text: 'b' },
        { lane: 'township', assignees: ['三个庄子镇'], section: null, order: 1, text: 'c' },
        { lane: 'township', assignees: ['三个庄子镇'], section: '一、申请', order: 1, text: 'd' },
        { lane: 'township', assignees: ['三个庄子镇'], section: null, order: 2, text: 'e' },
      ]),
      ids,
      { name: '三个庄子镇', county: '奇台县', prefecture: '昌吉回族自治州' },
    );
    expect(needsReview).toBe(true);
    expect(steps.map((s) => [s.position, s.dependsOn])).toEqual([
      [1, []],
      [2, [1]],
      [3, []],
      [4, []],
      [5, [3]],
    ]);
    expect(steps[1].assigneeDepartmentIds).toEqual(['dep-1', 'dep-2']);
    expect(steps[2].assigneeDepartmentIds).toEqual([]);
    expect(steps.every((s) => s.dueWorkingDays === DEFAULT_STEP_WORKING_DAYS && !s.optional)).toBe(true);
  });
});

describe(dutyHash.name, () => {
  it('should ignore where the row stands and notice what it says', () => {
    const base = { category: '民生服务', name: '残疾人证管理', departments: ['奇台县残联'] };
    expect(dutyHash(base)).toBe(dutyHash({ ...base }));
    expect(dutyHash(base)).not.toBe(dutyHash({ ...base, name: '残疾人证办理' }));
    expect(dutyHash(base)).not.toBe(
      dutyHash({ ...base, warnings: [{ code: 'X', field: 'name', message: '请复核', line: 3 }] }),
    );
  });
});

describe(templateSourceHash.name, () => {
  it('should change when a step text changes', () => {
    const a = row([{ lane: 'township', assignees: ['镇'], section: null, order: 1, text: '受理' }]);
    const b = row([{ lane: 'township', assignees: ['镇'], section: null, order: 1, text: '受理并登记' }]);
    expect(templateSourceHash(a)).not.toBe(templateSourceHash(b));
    expect(templateSourceHash(a)).toBe(templateSourceHash({ ...a, line: 99 }));
  });
});

describe(findDuplicateRowNumbers.name, () => {
  it('should report a number used twice in one list with both lines', () => {
    const parsed = {
      township: { name: '镇', county: '县', prefecture: '州' },
      basic: [
        { no: 1, category: 'a', name: 'x', line: 5 },
        { no: 1, category: 'a', name: 'y', line: 9 },
      ],
      cooperative: [],
      withdrawn: [],
      warnings: [],
    } satisfies ParsedDutyList;
    expect(findDuplicateRowNumbers(parsed)).toEqual([{ list: 'basic', no: 1, lines: [5, 9] }]);
    expect(departmentNames(parsed)).toEqual([]);
  });
});
