import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { UserRole } from 'src/users/user-role';
import { AuthUser } from './auth-user';

// Who may see and do what, in one place. Township staff: their township's cases. Department staff:
// cases that have a step of their department, and only their own steps. Supervisors: their county.
// Admins: everything.

export interface CaseScope {
  townshipId?: string;
  departmentId?: string;
  county?: string;
}

export function caseScopeOf(user: AuthUser): CaseScope {
  switch (user.role) {
    case UserRole.Admin:
      return {};
    case UserRole.Supervisor:
      return { county: user.county ?? '\u0000' };
    case UserRole.TownshipStaff:
      return { townshipId: user.townshipId ?? '\u0000' };
    case UserRole.DepartmentStaff:
      return { departmentId: user.departmentId ?? '\u0000' };
  }
}

export interface CaseAccessFacts {
  townshipId: string;
  county: string;
  departmentIds: string[]; // every department that holds a step of the case
}

export function canViewCase(user: AuthUser, facts: CaseAccessFacts): boolean {
  switch (user.role) {
    case UserRole.Admin:
      return true;
    case UserRole.Supervisor:
      return user.county === facts.county;
    case UserRole.TownshipStaff:
      return user.townshipId === facts.townshipId;
    case UserRole.DepartmentStaff:
      return user.departmentId !== null && facts.departmentIds.includes(user.departmentId);
  }
}

export interface StepHolder {
  lane: 'department' | 'township';
  assigneeDepartmentIds: string[];
  townshipId: string; // the case's township
}

// Only the unit that holds a step acts on it: its department(s), or the case's township.
export function holdsStep(user: AuthUser, step: StepHolder): boolean {
  if (step.lane === 'department') {
    return (
      user.role === UserRole.DepartmentStaff &&
      !!user.departmentId &&
      step.assigneeDepartmentIds.includes(user.departmentId)
    );
  }
  return user.role === UserRole.TownshipStaff && user.townshipId === step.townshipId;
}

export function assertHoldsStep(user: AuthUser, step: StepHolder): void {
  if (holdsStep(user, step)) return;
  const holder = step.lane === 'department' ? '承办部门' : '本乡镇';
  throw new DomainError(ErrorCode.STEP_NOT_ASSIGNED, `该环节由${holder}办理，您所在单位无权操作`);
}

export function assertCanViewCase(user: AuthUser, facts: CaseAccessFacts): void {
  if (!canViewCase(user, facts))
    throw new DomainError(ErrorCode.FORBIDDEN, '无权查看该办件：不属于您所在单位或辖区');
}

// 公民身份号码 and phone in full: only units that hold or held a step of the case (its township, the
// departments whose step has started at least once) and the county's supervisors. Everyone else,
// admins included, sees masked values (个人信息保护法: only where needed).
export function canSeePersonalData(
  user: AuthUser,
  facts: Pick<CaseAccessFacts, 'townshipId' | 'county'> & { heldDepartmentIds: string[] },
): boolean {
  switch (user.role) {
    case UserRole.Admin:
      return false;
    case UserRole.Supervisor:
      return user.county === facts.county;
    case UserRole.TownshipStaff:
      return user.townshipId === facts.townshipId;
    case UserRole.DepartmentStaff:
      return user.departmentId !== null && facts.heldDepartmentIds.includes(user.departmentId);
  }
}
