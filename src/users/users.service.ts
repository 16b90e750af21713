import { Injectable } from '@nestjs/common';
import { hash } from 'bcryptjs';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { UserRole, USER_ROLE_LABELS } from './user-role';
import { UserRecord, UsersRepository } from './users.repository';

export const PASSWORD_MIN_LENGTH = 8;
const BCRYPT_COST = 10;

export interface CreateUserInput {
  username: string;
  password: string;
  role: UserRole;
  displayName?: string;
  department?: string;
  township?: string;
  county?: string;
}

export interface DemoUser {
  username: string;
  role: UserRole;
  unit: string;
  created: boolean;
}

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async create(input: CreateUserInput): Promise<UserRecord> {
    this.validate(input);
    return this.insert(input, await hash(input.password, BCRYPT_COST));
  }

  private validate(input: CreateUserInput): void {
    if (!Object.values(UserRole).includes(input.role)) {
      throw invalid('role', `角色必须是 ${Object.values(UserRole).join(' / ')} 之一`);
    }
    if (!/^[\w\u4e00-\u9fa5.-]{2,64}$/.test(input.username)) {
      throw invalid('username', '用户名应为 2–64 个字符（中文、字母、数字、._-）');
    }
    if (input.password.length < PASSWORD_MIN_LENGTH) {
      throw invalid('password', `密码至少 ${PASSWORD_MIN_LENGTH} 位`);
    }
  }

  private async insert(input: CreateUserInput, passwordHash: string): Promise<UserRecord> {
    const unit = await this.resolveUnit(input);
    const created = await this.users.insert({
      username: input.username,
      displayName: input.displayName ?? input.username,
      passwordHash,
      role: input.role,
      ...unit,
    });
    if (!created)
      throw new DomainError(ErrorCode.USERNAME_TAKEN, `用户名 ${input.username} 已存在`, {
        field: 'username',
      });
    return created;
  }

  // One user per department and township (username = the unit's name), one supervisor per county
  // and an admin. Existing usernames are left as they are, so running it twice is harmless.
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
      ...units.map((unit) =>
        unit.kind === 'department'
          ? { username: unit.name, password, role: UserRole.DepartmentStaff, department: unit.id }
          : {
              username: `${unit.county}${unit.name}`,
              password,
              role: UserRole.TownshipStaff,
              township: unit.id,
            },
      ),
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
        unit: plan.county ?? plan.username,
        created: created !== null,
      });
    }
    return results;
  }

  private async resolveUnit(
    input: CreateUserInput,
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

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.USER_INVALID, message, { field });
}
