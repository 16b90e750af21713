import { holdersOf, isHeldBy } from './step-holders';

const TOWNSHIP = 'town-1';

describe(holdersOf.name, () => {
  it('should name every assignee department of a department-lane step', () => {
    expect(holdersOf({ lane: 'department', assigneeDepartmentIds: ['d1', 'd2'] }, TOWNSHIP)).toEqual([
      { kind: 'department', id: 'd1' },
      { kind: 'department', id: 'd2' },
    ]);
  });

  it("should name the case's township for a township-lane step, whatever departments it lists", () => {
    expect(holdersOf({ lane: 'township', assigneeDepartmentIds: ['d1'] }, TOWNSHIP)).toEqual([
      { kind: 'township', id: TOWNSHIP },
    ]);
  });
});

describe(isHeldBy.name, () => {
  const step = { lane: 'department' as const, assigneeDepartmentIds: ['d1'] };

  it('should match kind and id both', () => {
    expect(isHeldBy(step, TOWNSHIP, { kind: 'department', id: 'd1' })).toBe(true);
    expect(isHeldBy(step, TOWNSHIP, { kind: 'department', id: 'd2' })).toBe(false);
    expect(isHeldBy(step, TOWNSHIP, { kind: 'township', id: 'd1' })).toBe(false);
    expect(isHeldBy(step, TOWNSHIP, { kind: 'township', id: TOWNSHIP })).toBe(false);
  });
});
