import { Injectable } from '@nestjs/common';
import { assertWorkUnit } from 'src/auth/access-policy';
import { AuthUser } from 'src/auth/auth-user';
import { openedBetween } from 'src/common/validation/date-range';
import { DoneQueryDto, InboxQueryDto, toWorkItem, WorkItemPageDto } from './dto/work-list.dto';
import { WorkListFilter, WorkListsRepository } from './work-lists.repository';

@Injectable()
export class WorkListsService {
  constructor(private readonly lists: WorkListsRepository) {}

  // 待办: the caller's unit's ready and in-progress steps, earliest due first.
  async inbox(user: AuthUser, query: InboxQueryDto): Promise<WorkItemPageDto> {
    const { rows, total } = await this.lists.inbox(assertWorkUnit(user), {
      ...filterOf(query),
      stepStatus: query.status,
    });
    return { items: rows.map(toWorkItem), total, page: query.page, pageSize: query.pageSize };
  }

  // 已办: steps the caller's unit finished (completed or skipped), newest first.
  async done(user: AuthUser, query: DoneQueryDto): Promise<WorkItemPageDto> {
    const { rows, total } = await this.lists.done(assertWorkUnit(user), {
      ...filterOf(query),
      caseStatus: query.status,
    });
    return { items: rows.map(toWorkItem), total, page: query.page, pageSize: query.pageSize };
  }
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
