import { AppSettingEntity } from 'src/auth/app-setting.entity';
import { LoginThrottleEntity, TrustedLoginEntity } from 'src/auth/login-throttle.entity';
import { SessionEntity } from 'src/auth/sessions/session.entity';
import { CalendarDayEntity } from 'src/calendar/calendar-day.entity';
import { CalendarYearEntity } from 'src/calendar/calendar-year.entity';
import { UserEntity } from 'src/users/user.entity';
import { CaseEventEntity } from 'src/workflow/case-event.entity';
import { CaseEntity } from 'src/workflow/case.entity';
import { MaterialContentEntity, MaterialEntity } from 'src/materials/material.entity';
import { IdempotencyKeyEntity } from 'src/common/idempotency/idempotency-key.entity';
import { CaseStepEntity } from 'src/workflow/case-step.entity';
import { DutyDepartmentEntity } from 'src/duties/duty-department.entity';
import { DutyEntity } from 'src/duties/duty.entity';
import { DutyListDocumentEntity } from 'src/duty-lists/duty-list-document.entity';
import { ImportEntity } from 'src/duty-lists/import.entity';
import { DutyListReviewEntity } from 'src/duty-lists/duty-list-review.entity';
import { DepartmentEntity } from 'src/organizations/department.entity';
import { NotificationEntity } from 'src/notifications/notification.entity';
import { OutboxEventEntity } from 'src/notifications/outbox.entity';
import { UnitWebhookEntity } from 'src/notifications/unit-webhook.entity';
import { TownshipEntity } from 'src/organizations/township.entity';
import { TemplateStepEntity } from 'src/templates/template-step.entity';
import { WorkflowTemplateEntity } from 'src/templates/workflow-template.entity';

// Listed explicitly (no glob) so ts-node, the compiled app and Jest all load the same classes.
export const ENTITIES = [
  TownshipEntity,
  DepartmentEntity,
  DutyEntity,
  DutyDepartmentEntity,
  DutyListDocumentEntity,
  DutyListReviewEntity,
  ImportEntity,
  WorkflowTemplateEntity,
  TemplateStepEntity,
  UserEntity,
  AppSettingEntity,
  SessionEntity,
  CalendarYearEntity,
  CalendarDayEntity,
  OutboxEventEntity,
  CaseEntity,
  CaseStepEntity,
  CaseEventEntity,
  IdempotencyKeyEntity,
  NotificationEntity,
  UnitWebhookEntity,
  LoginThrottleEntity,
  TrustedLoginEntity,
  MaterialEntity,
  MaterialContentEntity,
];
