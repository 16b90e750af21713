import { Injectable } from '@nestjs/common';
import { compare, hash } from 'bcryptjs';
import { Clock } from 'src/common/clock/clock';
import { normalizePhoneNumber } from 'src/common/personal-data/phone-number';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { UserRole, USER_ROLE_LABELS } from './user-role';
import { passwordProblem } from './password-policy';
import { UserFilter, UserListRow, UserRecord, UsersRepository } from './users.repository';

const BCRYPT_COST = 10;
const LEADER_ROLES: readonly UserRole[] = [UserRole.DepartmentStaff, UserRole.TownshipStaff];

export interface CreateUserInput {
  username: string;
  password: string;
  role: UserRole;
  displayName?: string;
  department?: string;
  township?: string;
  county?: string;
  phone?: string;
  isLeader?: boolean;
}

export interface DemoUser {
  username: string;
  role: UserRole;
  unit: string;
  created: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateUserInput): Promise<UserRecord> {
    this.validate(input);
    return this.insert(input, await hash(input.password, BCRYPT_COST));
  }

  list(filter: UserFilter): Promise<{ rows: UserListRow[]; total: number }> {
    return this.users.list(filter);
  }

  async get(id: string): Promise<UserListRow> {
    const found = await this.users.findListRow(id);
    if (!found) throw new DomainError(ErrorCode.NOT_FOUND, `用户 ${id} 不存在`, { field: 'id' });
    return found;
  }

  // Disabling bumps the token version: the user's tokens stop working with the next request.
  async setActive(actor: { id: string }, id: string, active: boolean): Promise<UserListRow> {
    if (!active && actor.id === id)
      throw new DomainError(ErrorCode.USER_INVALID, '不能停用自己的账号', { field: 'id' });
    return this.afterUpdate(id, await this.users.setActive(id, active));
  }

  async resetPassword(id: string, password: string): Promise<UserListRow> {
    const user = await this.get(id);
    assertPassword(password, user.username, 'password');
    return this.afterUpdate(
      id,
      await this.users.setPassword(id, await hash(password, BCRYPT_COST), this.clock.now()),
    );
  }

  // Self service: the old password proves it is the owner; the new one must meet the rule and differ.
  async changeOwnPassword(id: string, oldPassword: string, newPassword: string): Promise<void> {
    const user = await this.get(id);
    const current = await this.users.findHashById(id);
    if (!current || !(await compare(oldPassword, current)))
      throw new DomainError(ErrorCode.USER_INVALID, '原密码不正确', { field: 'oldPassword' });
    if (oldPassword === newPassword) throw invalid('newPassword', '新密码不能与原密码相同');
    assertPassword(newPassword, user.username, 'newPassword');
    await this.users.setPassword(id, await hash(newPassword, BCRYPT_COST), this.clock.now());
  }

  async setLeader(id: string, isLeader: boolean): Promise<UserListRow> {
    const user = await this.get(id);
    if (isLeader && !LEADER_ROLES.includes(user.role))
      throw invalid('isLeader', '只有县直部门或乡镇的工作人员可以设为负责人');
    return this.afterUpdate(id, await this.users.setLeader(id, isLeader));
  }

  async updateProfile(id: string, displayName?: string, phone?: string | null): Promise<UserListRow> {
    const normalized = phone ? normalizePhoneNumber(phone) : phone;
    return this.afterUpdate(id, await this.users.setProfile(id, displayName, normalized));
  }

  // Another unit (and role): department staff → a department, township staff → a township,
  // supervisor → a county. Old tokens stop working (their scope was the old unit).
  async move(
    id: string,
    input: Pick<CreateUserInput, 'role' | 'department' | 'township' | 'county'>,
  ): Promise<UserListRow> {
    await this.get(id);
    if (!Object.values(UserRole).includes(input.role)) throw invalid('role', '角色不在允许范围内');
    const unit = await this.resolveUnit(input);
    return this.afterUpdate(id, await this.users.moveUnit(id, { role: input.role, ...unit }));
  }

  private async afterUpdate(id: string, updated: UserRecord | null): Promise<UserListRow> {
    if (!updated) throw new DomainError(ErrorCode.NOT_FOUND, `用户 ${id} 不存在`, { field: 'id' });
    return this.get(id);
  }

  private validate(input: CreateUserInput): void {
    if (!Object.values(UserRole).includes(input.role)) {
      throw invalid('role', `角色必须是 ${Object.values(UserRole).join(' / ')} 之一`);
    }
    if (!/^[\w\u4e00-\u9fa5.-]{2,64}$/.test(input.username)) {
      throw invalid('username', '用户名应为 2–64 个字符（中文、字母、数字、._-）');
    }
    assertPassword(input.password, input.username, 'password');
    if (input.isLeader && !LEADER_ROLES.includes(input.role))
      throw invalid('isLeader', '只有县直部门或乡镇的工作人员可以设为负责人');
  }

  private async insert(input: CreateUserInput, passwordHash: string): Promise<UserRecord> {
    const unit = await this.resolveUnit(input);
    const created = await this.users.insert({
      username: input.username,
      displayName: input.displayName ?? input.username,
      passwordHash,
      role: input.role,
      phone: input.phone ? normalizePhoneNumber(input.phone) : null,
      isLeader: input.isLeader ?? false,
      ...unit,
    });
    if (!created)
      throw new DomainError(ErrorCode.USERNAME_TAKEN, `用户名 ${input.username} 已存在`, {
        field: 'username',
      });
    return created;
  }

  // One user per department and township (username = the unit's name) and one 负责人 per unit
  // (username = unit name + 负责人), one supervisor per county and an admin. Existing usernames are
  // left as they are, so running it twice is harmless.
  async createDemoUsers(password: string): Promise<DemoUser[]> {
    const units = await this.users.listUnits();
    const counties = [...new Set(units.map((unit) => unit.county))];
    const plans: CreateUserInput[] = [
      { username: 'admin', password, role: UserRole.Admin, displayName: '系统管理员' },
      ...counties.map((county) => ({
        username: `${county}督办`,
        password,
        role: UserRole.Supervisor,
        county,
      })),
      ...units.flatMap((unit) => {
        const staff: CreateUserInput =
          unit.kind === 'department'
            ? { username: unit.name, password, role: UserRole.DepartmentStaff, department: unit.id }
            : {
                username: `${unit.county}${unit.name}`,
                password,
                role: UserRole.TownshipStaff,
                township: unit.id,
              };
        const leader = { ...staff, username: `${staff.username}负责人`, isLeader: true };
        return [staff, leader];
      }),
    ];
    plans.forEach((plan) => this.validate(plan));
    // One shared trial password, so one hash serves every account (bcrypt is deliberately slow).
    const passwordHash = await hash(password, BCRYPT_COST);
    const results: DemoUser[] = [];
    for (const plan of plans) {
      const created = await this.insert(plan, passwordHash).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === ErrorCode.USERNAME_TAKEN) return null;
        throw error;
      });
      results.push({
        username: plan.username,
        role: plan.role,
        unit: plan.county ?? plan.username.replace(/负责人$/, ''),
        created: created !== null,
      });
    }
    return results;
  }

  private async resolveUnit(
    input: Pick<CreateUserInput, 'role' | 'department' | 'township' | 'county'>,
  ): Promise<{ departmentId: string | null; townshipId: string | null; county: string | null }> {
    const none = { departmentId: null, townshipId: null, county: input.county ?? null };
    switch (input.role) {
      case UserRole.DepartmentStaff: {
        const department = await this.single(
          this.users.findDepartment(input.department ?? ''),
          'department',
          input.department,
        );
        return { departmentId: department.id, townshipId: null, county: department.county };
      }
      case UserRole.TownshipStaff: {
        const township = await this.single(
          this.users.findTownship(input.township ?? ''),
          'township',
          input.township,
        );
        return { departmentId: null, townshipId: township.id, county: township.county };
      }
      case UserRole.Supervisor:
        if (!input.county)
          throw invalid('county', `${USER_ROLE_LABELS[UserRole.Supervisor]}必须指定所辖县（--county）`);
        return none;
      case UserRole.Admin:
        return none;
    }
  }

  private async single<T extends { county: string; name: string }>(
    lookup: Promise<T[]>,
    field: 'department' | 'township',
    given: string | undefined,
  ): Promise<T> {
    const label = field === 'department' ? '部门' : '乡镇';
    if (!given) throw invalid(field, `该角色必须指定${label}（--${field}）`);
    const found = await lookup;
    if (found.length === 0) throw new DomainError(ErrorCode.NOT_FOUND, `${label}“${given}”不存在`, { field });
    if (found.length > 1) {
      const names = found.map((unit) => `${unit.county}${unit.name}`).join('、');
      throw invalid(field, `${label}“${given}”不唯一（${names}），请用全称或 ID`);
    }
    return found[0];
  }
}

function assertPassword(password: string, username: string, field: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw invalid(field, problem);
}

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.USER_INVALID, message, { field });
}
