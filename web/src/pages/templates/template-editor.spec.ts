import {
  newFieldRow,
  toFieldInput,
  toFieldRows,
  addDependency,
  addStep,
  describeChanges,
  moveStep,
  removeDependency,
  removeStep,
  rowErrors,
  type SourceStep,
  toEditable,
  toInput,
} from './template-editor';

const step = (position: number, text: string, dependsOn: number[] = []): SourceStep => ({
  position,
  lane: 'township',
  section: null,
  text,
  assigneeDepartmentIds: [],
  dependsOn,
  dueWorkingDays: 5,
  optional: false,
  standing: false,
});

const SOURCE = [step(1, '受理申请'), step(2, '审核材料', [1]), step(3, '发证', [2])];

describe('template editor', () => {
  it('should carry dependencies to the new numbers when a step moves up', () => {
    const moved = moveStep(toEditable(SOURCE), 2, -1);
    expect(moved.map((s) => [s.position, s.text, s.dependsOn])).toEqual([
      [1, '受理申请', []],
      [2, '发证', [3]],
      [3, '审核材料', [1]],
    ]);
  });

  it('should drop the dependencies on a removed step and renumber the rest', () => {
    const removed = removeStep(toEditable(SOURCE), 1);
    expect(removed.map((s) => [s.position, s.text, s.dependsOn])).toEqual([
      [1, '受理申请', []],
      [2, '发证', []],
    ]);
  });

  it('should add and remove a dependency, never on the step itself or twice', () => {
    let steps = addDependency(toEditable(SOURCE), 2, 1);
    steps = addDependency(steps, 2, 1);
    steps = addDependency(steps, 2, 3);
    expect(steps[2].dependsOn).toEqual([1, 2]);
    expect(removeDependency(steps, 2, 2)[2].dependsOn).toEqual([1]);
  });

  it('should give a new department step its department and no township assignee', () => {
    const steps = addStep(toEditable(SOURCE), 'department', ['d1']);
    expect(toInput(steps)[3]).toMatchObject({
      position: 4,
      lane: 'department',
      assigneeDepartmentIds: ['d1'],
    });
  });

  it('should describe the difference from the version being edited in words', () => {
    let steps = toEditable(SOURCE);
    steps[1] = { ...steps[1], text: '审核申请材料', dueWorkingDays: 3 };
    steps = addDependency(steps, 2, 1);
    steps = removeStep(steps, 0);
    expect(describeChanges(SOURCE, steps, (id) => id)).toEqual([
      '“审核材料”由环节 2 移到环节 1',
      '环节 1 改名为“审核申请材料”',
      '环节 1 办理时限 5 → 3 个工作日',
      '“发证”由环节 3 移到环节 2',
      '删除“受理申请”',
    ]);
  });

  it('should put the API problems on the rows they name', () => {
    const steps = toEditable(SOURCE);
    expect(
      rowErrors(
        [
          { field: 'steps.0.text', problems: ['过短'] },
          { field: 'steps[position=3]', problem: '存在循环依赖' },
        ],
        steps,
      ),
    ).toEqual({ 1: '过短', 3: '存在循环依赖' });
  });
});

describe('case fields', () => {
  it('should give a new field an unused key and send options only for a select', () => {
    const rows = toFieldRows([
      { key: 'field2', label: '残疾类别', type: 'select', required: true, options: ['视力', '听力'] },
    ]);
    expect(rows[0].options).toBe('视力、听力');
    const added = newFieldRow(rows);
    expect(added.key).toBe('field3');
    expect(
      toFieldInput([
        { ...rows[0], options: '视力， 听力、言语' },
        { ...added, label: ' 备注 ', options: 'x' },
      ]),
    ).toEqual([
      { key: 'field2', label: '残疾类别', type: 'select', required: true, options: ['视力', '听力', '言语'] },
      { key: 'field3', label: '备注', type: 'text', required: false },
    ]);
  });
});
