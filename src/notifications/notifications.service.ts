import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AuthUser } from 'src/auth/auth-user';
import { Clock } from 'src/common/clock/clock';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { DeliverWebhookJobData, JobName, QueueName } from 'src/queue/queue.constants';
import { UserRole } from 'src/users/user-role';
import { buildNotificationText } from './notification-text';
import { WEBHOOK_JOB_OPTIONS, WebhookJobOptions } from './notifications.constants';
import { NotificationsRepository, NotificationView } from './notifications.repository';
import { OutboxDispatchRepository } from './outbox-dispatch.repository';
import { UnitRef } from 'src/domain/vocabulary';
import { isUnitRef } from './unit-kind';

export const deliverWebhookJobId = (notificationId: string): string => `webhook-${notificationId}`;

export interface NotifyUnitsResult {
  created: number;
  webhooksQueued: number;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export interface InboxQuery {
  unread?: boolean;
  page: number;
  pageSize: number;
}

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly outbox: OutboxDispatchRepository,
    private readonly clock: Clock,
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
    @Inject(WEBHOOK_JOB_OPTIONS) private readonly webhookJobOptions: WebhookJobOptions,
  ) {}

  // The NotifyUnits job: idempotent, so a retried or repeated job neither duplicates rows nor
  // re-sends a webhook (the job id of each delivery is fixed by its notification id).
  async notifyUnits(outboxId: string): Promise<NotifyUnitsResult> {
    const outbox = await this.outbox.findById(outboxId);
    if (!outbox) {
      this.logger.warn(`outbox event ${outboxId} no longer exists; nothing to notify`);
      return { created: 0, webhooksQueued: 0 };
    }
    const units = validUnits(outbox.payload.units);
    const text = buildNotificationText(outbox.type, outbox.payload);
    const created = await this.notifications.insertForUnits(outbox, units, text);
    // All still-pending deliveries of this event, not only the new ones: should the previous run
    // have died between insert and enqueue, this run queues them.
    const pending = await this.notifications.findPendingWebhookIds(outboxId);
    if (pending.length === 0) return { created, webhooksQueued: 0 };
    await this.queue.addBulk(
      pending.map((notificationId) => {
        const data: DeliverWebhookJobData = { notificationId };
        const opts = { ...this.webhookJobOptions, jobId: deliverWebhookJobId(notificationId) };
        return { name: JobName.DeliverWebhook, data, opts };
      }),
    );
    return { created, webhooksQueued: pending.length };
  }

  async listInbox(user: AuthUser, query: InboxQuery): Promise<NotificationPage> {
    const unit = inboxUnitOf(user);
    const offset = (query.page - 1) * query.pageSize;
    const [items, total, unread] = await Promise.all([
      this.notifications.listForUnit(unit, { unread: query.unread, limit: query.pageSize, offset }),
      this.notifications.countForUnit(unit, query.unread),
      this.notifications.countForUnit(unit, true),
    ]);
    return { items, total, unread, page: query.page, pageSize: query.pageSize };
  }

  // Another unit's id answers 404 like a missing one, so ids of other units' notifications don't leak.
  async markRead(user: AuthUser, id: string): Promise<NotificationView> {
    const updated = await this.notifications.markRead(id, inboxUnitOf(user), this.clock.now());
    if (!updated) throw new DomainError(ErrorCode.NOT_FOUND, `通知 ${id} 不存在`, { field: 'id' });
    return updated;
  }
}

// Notifications go to units: department and township staff read their unit's inbox, supervisors
// their county's (escalations, digests). Admins get a 403 rather than an empty list: an empty inbox
// would read as "nothing happened", and an admin account belongs to no unit.
export function inboxUnitOf(user: AuthUser): UnitRef {
  const unit = unitOfRole(user);
  if (unit) return unit;
  if (user.role === UserRole.Admin) {
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      '通知按县直部门、乡镇和县督办人员发送，系统管理员没有收件箱；请使用单位或督办账号查看',
    );
  }
  throw new DomainError(ErrorCode.FORBIDDEN, '当前账号未关联县直部门、乡镇或县，没有通知收件箱');
}

function unitOfRole(user: AuthUser): UnitRef | null {
  switch (user.role) {
    case UserRole.DepartmentStaff:
      return user.departmentId ? { kind: 'department', id: user.departmentId } : null;
    case UserRole.TownshipStaff:
      return user.townshipId ? { kind: 'township', id: user.townshipId } : null;
    case UserRole.Supervisor:
      return user.county ? { kind: 'county', id: user.county } : null;
    case UserRole.Admin:
      return null;
  }
}

// The engine writes the payload; a malformed unit entry is skipped rather than failing the event.
function validUnits(units: unknown): UnitRef[] {
  return Array.isArray(units) ? units.filter(isUnitRef) : [];
}
