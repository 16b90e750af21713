import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { HeldStep, isHeldBy } from 'src/domain/step-holders';
import { UnitRef } from 'src/domain/vocabulary';
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

export interface StepHolder extends HeldStep {
  townshipId: string; // the case's township
}

// The unit a staff member works for (their inbox, the steps they may act on); none for supervisors
// and admins, who oversee rather than hold work.
export function workUnitOf(user: AuthUser): UnitRef | null {
  if (user.role === UserRole.DepartmentStaff && user.departmentId)
    return { kind: 'department', id: user.departmentId };
  if (user.role === UserRole.TownshipStaff && user.townshipId)
    return { kind: 'township', id: user.townshipId };
  return null;
}

// Only the unit that holds a step acts on it: its department(s), or the case's township.
export function holdsStep(user: AuthUser, step: StepHolder): boolean {
  const unit = workUnitOf(user);
  return unit !== null && isHeldBy(step, step.townshipId, unit);
}

export function assertHoldsStep(user: AuthUser, step: StepHolder): void {
  if (holdsStep(user, step)) return;
  const holder = step.lane === 'department' ? '承办部门' : '本乡镇';
  throw new DomainError(ErrorCode.STEP_NOT_ASSIGNED, `该环节由${holder}办理，您所在单位无权操作`);
}

export function assertWorkUnit(user: AuthUser): UnitRef {
  const unit = workUnitOf(user);
  if (unit) return unit;
  throw new DomainError(ErrorCode.FORBIDDEN, '待办箱属于县直部门或乡镇；督办人员请使用办件列表与督办视图');
}

// Who sees which part of the 督办看板 (board, overdue table, statistics, exports, pickers): admins every
// county (or the one asked for), supervisors their county, a department's 负责人 their department's
// work only. Anyone else, or asking outside that scope, is refused.
export interface SupervisionScope {
  county?: string;
  departmentId?: string;
  townshipId?: string;
}

export function supervisionScopeOf(
  user: AuthUser,
  requested: { county?: string; departmentId?: string; townshipId?: string },
): SupervisionScope {
  if (user.role === UserRole.Admin) return { ...requested };
  if (user.role === UserRole.Supervisor && user.county) {
    if (requested.county && requested.county !== user.county) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `无权查看${requested.county}的督办数据：督办人员只能查看本县（${user.county}）`,
      );
    }
    return { county: user.county, departmentId: requested.departmentId, townshipId: requested.townshipId };
  }
  // A 负责人 sees the same board over their own unit: a department's own work, or a township's own
  // cases (its steps and the departments' steps in them).
  const unit = leaderUnitOf(user);
  if (unit) {
    const asked = unit.key === 'departmentId' ? requested.departmentId : requested.townshipId;
    if (asked && asked !== unit.id) {
      throw new DomainError(ErrorCode.FORBIDDEN, `${unit.label}负责人只能查看本${unit.label}的督办数据`, {
        field: unit.field,
      });
    }
    if (requested.county && user.county && requested.county !== user.county) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `${unit.label}负责人只能查看本县（${user.county}）本${unit.label}的督办数据`,
      );
    }
    return {
      departmentId: requested.departmentId,
      townshipId: requested.townshipId,
      county: user.county ?? undefined,
      [unit.key]: unit.id,
    };
  }
  throw new DomainError(
    ErrorCode.FORBIDDEN,
    '无权查看督办数据：仅限系统管理员、督办人员和县直部门、乡镇负责人',
  );
}

function leaderUnitOf(
  user: AuthUser,
): { key: 'departmentId' | 'townshipId'; field: string; label: string; id: string } | null {
  if (!user.isLeader) return null;
  if (user.role === UserRole.DepartmentStaff && user.departmentId) {
    return { key: 'departmentId', field: 'department', label: '部门', id: user.departmentId };
  }
  if (user.role === UserRole.TownshipStaff && user.townshipId) {
    return { key: 'townshipId', field: 'township', label: '乡镇', id: user.townshipId };
  }
  return null;
}

// Supervisors (their county, through assertCanViewCase) and admins oversee: 转办, 催办, 调整期限.
export function assertSupervises(user: AuthUser, what: string): void {
  if (user.role === UserRole.Supervisor || user.role === UserRole.Admin) return;
  throw new DomainError(ErrorCode.FORBIDDEN, `只有督办人员可以${what}`);
}

// Township staff open cases, from their own township's templates; admins from any.
export function assertMayOpenCases(user: AuthUser): void {
  if (user.role === UserRole.Admin || user.role === UserRole.TownshipStaff) return;
  throw new DomainError(ErrorCode.FORBIDDEN, '只有乡镇工作人员可以开办件');
}

export function assertMayUseTemplate(user: AuthUser, template: { townshipId: string }): void {
  if (user.role === UserRole.Admin || template.townshipId === user.townshipId) return;
  throw new DomainError(ErrorCode.FORBIDDEN, '只能使用本乡镇的流程模板开办件', { field: 'templateId' });
}

// The township that opened a case (or an admin) cancels it.
export function assertMayCancelCase(user: AuthUser, facts: { townshipId: string }): void {
  if (user.role === UserRole.Admin) return;
  if (user.role === UserRole.TownshipStaff && user.townshipId === facts.townshipId) return;
  throw new DomainError(ErrorCode.FORBIDDEN, '只有开办件的乡镇可以撤销办件');
}

// Supervisors edit their county's templates; admins any.
export function assertMayEditTemplate(user: AuthUser, template: { county: string }): void {
  if (user.role === UserRole.Admin) return;
  if (user.role === UserRole.Supervisor && user.county === template.county) return;
  throw new DomainError(ErrorCode.FORBIDDEN, '只能修改本县的流程模板');
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
