import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { openedBetween } from 'src/common/validation/date-range';
import { UserRole } from 'src/users/user-role';
import { DoneQueryDto, InboxQueryDto, toWorkItem, WorkItemPageDto } from './dto/work-list.dto';
import { WorkListFilter, WorkListsRepository, WorkUnit } from './work-lists.repository';

@Injectable()
export class WorkListsService {
  constructor(private readonly lists: WorkListsRepository) {}

  // 待办: the caller's unit's ready and in-progress steps, earliest due first.
  async inbox(user: AuthUser, query: InboxQueryDto): Promise<WorkItemPageDto> {
    const { rows, total } = await this.lists.inbox(unitOf(user, '待办'), {
      ...filterOf(query),
      stepStatus: query.status,
    });
    return { items: rows.map(toWorkItem), total, page: query.page, pageSize: query.pageSize };
  }

  // 已办: steps the caller's unit finished (completed or skipped), newest first.
  async done(user: AuthUser, query: DoneQueryDto): Promise<WorkItemPageDto> {
    const { rows, total } = await this.lists.done(unitOf(user, '已办'), {
      ...filterOf(query),
      caseStatus: query.status,
    });
    return { items: rows.map(toWorkItem), total, page: query.page, pageSize: query.pageSize };
  }
}

function unitOf(user: AuthUser, list: string): WorkUnit {
  if (user.role === UserRole.DepartmentStaff && user.departmentId) return { departmentId: user.departmentId };
  if (user.role === UserRole.TownshipStaff && user.townshipId) return { townshipId: user.townshipId };
  throw new DomainError(ErrorCode.FORBIDDEN, `${list}属于县直部门或乡镇；督办人员请使用办件列表与督办视图`);
}

function filterOf(query: InboxQueryDto | DoneQueryDto): WorkListFilter {
  const range = openedBetween(query.from, query.to);
  return {
    dutyId: query.duty,
    from: range.openedFrom,
    to: range.openedTo,
    q: query.q?.trim() || undefined,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  };
}
