import { emptyForm, toCreateBody, unitFieldOf } from './user-form';

describe('user form', () => {
  it('should send only the unit the role needs', () => {
    const form = {
      ...emptyForm(),
      username: ' li ',
      displayName: '李娜',
      password: 'pass-1234',
      county: '奇台县',
    };
    expect(
      toCreateBody({
        ...form,
        role: 'department_staff',
        departmentId: 'd1',
        townshipId: 't1',
        isLeader: true,
      }),
    ).toEqual({
      username: 'li',
      displayName: '李娜',
      role: 'department_staff',
      password: 'pass-1234',
      phone: undefined,
      isLeader: true,
      department: 'd1',
      township: undefined,
      county: undefined,
    });
    expect(toCreateBody({ ...form, role: 'supervisor', isLeader: true })).toMatchObject({
      county: '奇台县',
      isLeader: false,
      department: undefined,
    });
    expect(unitFieldOf('admin')).toBeNull();
  });
});
