import { ApiProperty } from '@nestjs/swagger';
import { OutboxEventType } from 'src/notifications/outbox-event';
import { NotificationView } from 'src/notifications/notifications.repository';
import { NotificationPage } from 'src/notifications/notifications.service';
import { WebhookStatus } from 'src/notifications/webhook-status';

export class NotificationWebhookDto {
  @ApiProperty({
    enum: WebhookStatus,
    description: 'pending=发送中（含重试），delivered=已送达，failed=多次重试后仍失败',
  })
  status!: WebhookStatus;

  @ApiProperty({ description: '已尝试发送的次数', example: 1 })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, description: '最近一次失败的原因', example: 'HTTP 500' })
  lastError!: string | null;

  @ApiProperty({ type: Date, nullable: true })
  deliveredAt!: Date | null;
}

export class NotificationResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: OutboxEventType,
    description:
      'step_ready=新环节待办理，step_returned=退回，step_reassigned=转办，step_reminder=期限提醒，step_overdue=逾期，step_escalated=逾期升级，step_urged=催办，urge_replied=催办反馈，step_withdrawn=撤回，overdue_digest=逾期日报',
  })
  type!: OutboxEventType;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '日报等不针对单个环节的通知为空',
  })
  caseId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  stepId!: string | null;

  @ApiProperty({ example: '「残疾人证管理 · 张三」有新环节待办理' })
  title!: string;

  @ApiProperty({ example: '环节：审核申请材料\n办理期限：2025-10-10' })
  body!: string;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ type: Date, nullable: true, description: '首次标记已读的时间；未读为 null' })
  readAt!: Date | null;

  @ApiProperty({
    type: NotificationWebhookDto,
    nullable: true,
    description: '推送到本单位 webhook 的状态；创建通知时未配置 webhook 则为 null',
  })
  webhook!: NotificationWebhookDto | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationResponseDto] })
  items!: NotificationResponseDto[];

  @ApiProperty({ description: '符合筛选条件的通知总数' })
  total!: number;

  @ApiProperty({ description: '本单位未读通知数' })
  unread!: number;

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;
}

export function toNotificationResponse(view: NotificationView): NotificationResponseDto {
  return {
    id: view.id,
    type: view.type,
    caseId: view.caseId,
    stepId: view.stepId,
    title: view.title,
    body: view.body,
    createdAt: view.createdAt,
    readAt: view.readAt,
    webhook: view.webhookStatus
      ? {
          status: view.webhookStatus,
          attempts: view.webhookAttempts,
          lastError: view.webhookLastError,
          deliveredAt: view.webhookDeliveredAt,
        }
      : null,
  };
}

export function toNotificationPage(page: NotificationPage): NotificationPageDto {
  return { ...page, items: page.items.map(toNotificationResponse) };
}
