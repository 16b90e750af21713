import { Injectable } from '@nestjs/common';
import { assertWorkUnit } from 'src/auth/access-policy';
import { AuthUser } from 'src/auth/auth-user';
import { InboxRow, StepsRepository } from './steps.repository';

// The caller's unit's ready and in-progress steps, earliest due first.
@Injectable()
export class InboxService {
  constructor(private readonly steps: StepsRepository) {}

  async inbox(
    user: AuthUser,
    page: number,
    pageSize: number,
  ): Promise<{ items: InboxRow[]; total: number; page: number; pageSize: number }> {
    const unit = assertWorkUnit(user);
    const [items, total] = await Promise.all([
      this.steps.inbox(unit, pageSize, (page - 1) * pageSize),
      this.steps.countInbox(unit),
    ]);
    return { items, total, page, pageSize };
  }
}
