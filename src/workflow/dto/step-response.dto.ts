import { ApiProperty } from '@nestjs/swagger';
import { StepStatus } from 'src/domain/step-status';
import { StepLane } from 'src/domain/vocabulary';
import { CaseEventType } from 'src/workflow/case-event.entity';
import { CaseEventRow } from 'src/workflow/case-events.repository';
import { StepRow } from 'src/workflow/steps.repository';
import { WorkItemRow } from 'src/workflow/work-lists.repository';

const STEP_LANES: StepLane[] = ['department', 'township'];

export class StepResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: '复制自哪个模板环节' })
  templateStepId!: string | null;

  @ApiProperty({ description: '环节序号（模板中的位置）', example: 3 })
  position!: number;

  @ApiProperty({ enum: STEP_LANES, description: 'department=县直部门办理，township=乡镇办理' })
  lane!: StepLane;

  @ApiProperty({ type: String, nullable: true, description: '所属子流程（“一、…”标题）', example: null })
  section!: string | null;

  @ApiProperty({ description: '同一办理方、同一子流程内的顺序', example: 1 })
  order!: number;

  @ApiProperty({ example: '审核申请材料' })
  text!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: '承办部门（部门环节）；乡镇环节为空' })
  assigneeDepartmentIds!: string[];

  @ApiProperty({ type: [Number], description: '前序环节序号（全部办结或跳过后本环节才开始）', example: [2] })
  dependsOn!: number[];

  @ApiProperty({ description: '办理期限（工作日）', example: 5 })
  dueWorkingDays!: number;

  @ApiProperty({ description: '可选环节可以跳过' })
  optional!: boolean;

  @ApiProperty({ description: '常态化职责：不影响办件办结，其余环节办结时关闭为“不适用”' })
  standing!: boolean;

  @ApiProperty({
    enum: StepStatus,
    description:
      'pending=未开始，ready=待办理，in_progress=办理中，completed=已完成，skipped=已跳过，cancelled=已撤销，not_applicable=不适用（常态化职责，办件办结时关闭）',
  })
  status!: StepStatus;

  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: '认领人（办理中时）' })
  claimedBy!: string | null;

  @ApiProperty({ type: Date, nullable: true, description: '最近一次开始计时的时间' })
  readyAt!: Date | null;

  @ApiProperty({ type: String, nullable: true, description: '到期日（中国日期）', example: '2025-10-10' })
  dueDate!: string | null;

  @ApiProperty({ type: Date, nullable: true, description: '到期时刻（到期日 23:59:59.999，北京时间）' })
  dueAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true, description: '期限提醒时间' })
  remindAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  remindedAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true, description: '标记逾期的时间' })
  overdueAt!: Date | null;

  @ApiProperty({
    description: '逾期升级级别：0=无，1=已报承办单位负责人，2=已报县督办',
    minimum: 0,
    maximum: 2,
  })
  escalationLevel!: number;

  @ApiProperty({ type: Date, nullable: true })
  escalatedAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true, description: '下一级升级的时间' })
  nextEscalationAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  completedAt!: Date | null;

  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  completedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '办结或跳过时的说明' })
  note!: string | null;

  @ApiProperty({ description: '被退回补正的次数' })
  returnCount!: number;

  @ApiProperty({ description: '每次变更加一（被拒绝的请求不改变它）' })
  revision!: number;
}

export class InboxItemResponseDto extends StepResponseDto {
  @ApiProperty({ example: '张三 残疾人证申请' })
  caseTitle!: string;

  @ApiProperty({ example: '张三' })
  caseSubject!: string;

  @ApiProperty({ format: 'uuid' })
  townshipId!: string;

  @ApiProperty({ example: '三个庄子镇' })
  townshipName!: string;

  @ApiProperty({ example: '残疾人证管理' })
  dutyName!: string;

  @ApiProperty({ example: '社会事务' })
  dutyCategory!: string;

  @ApiProperty({ example: 2 })
  templateVersion!: number;
}

export class InboxPageResponseDto {
  @ApiProperty({ type: [InboxItemResponseDto] })
  items!: InboxItemResponseDto[];

  @ApiProperty({ example: 1 })
  total!: number;

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 20 })
  pageSize!: number;
}

export class CaseEventResponseDto {
  @ApiProperty({ description: '递增序号', example: '42' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  stepId!: string | null;

  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: '为空表示系统' })
  actorId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '三个庄子镇' })
  actorName!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: '环节序号' })
  stepPosition!: number | null;

  @ApiProperty({ enum: CaseEventType })
  type!: CaseEventType;

  @ApiProperty({ type: String, nullable: true })
  fromStatus!: string | null;

  @ApiProperty({ type: String, nullable: true })
  toStatus!: string | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '附加信息（如到期日、退回目标、转办前后部门）',
  })
  data!: Record<string, unknown> | null;

  @ApiProperty()
  createdAt!: Date;
}

export function toStepResponse(row: StepRow): StepResponseDto {
  return {
    id: row.id,
    caseId: row.caseId,
    templateStepId: row.templateStepId,
    position: row.position,
    lane: row.lane,
    section: row.section,
    order: row.order,
    text: row.text,
    assigneeDepartmentIds: row.assigneeDepartmentIds,
    dependsOn: row.dependsOn,
    dueWorkingDays: row.dueWorkingDays,
    optional: row.optional,
    standing: row.standing,
    status: row.status,
    claimedBy: row.claimedBy,
    readyAt: row.readyAt,
    dueDate: row.dueDate,
    dueAt: row.dueAt,
    remindAt: row.remindAt,
    remindedAt: row.remindedAt,
    overdueAt: row.overdueAt,
    escalationLevel: row.escalationLevel,
    escalatedAt: row.escalatedAt,
    nextEscalationAt: row.nextEscalationAt,
    completedAt: row.completedAt,
    completedBy: row.completedBy,
    note: row.note,
    returnCount: row.returnCount,
    revision: row.revision,
  };
}

export function toInboxItemResponse(row: WorkItemRow): InboxItemResponseDto {
  return {
    ...toStepResponse(row),
    caseTitle: row.caseTitle,
    caseSubject: row.caseSubject,
    townshipId: row.townshipId,
    townshipName: row.townshipName,
    dutyName: row.dutyName,
    dutyCategory: row.dutyCategory,
    templateVersion: row.templateVersion,
  };
}

export function toCaseEventResponse(row: CaseEventRow): CaseEventResponseDto {
  return {
    id: row.id,
    caseId: row.caseId,
    stepId: row.stepId,
    actorId: row.actorId,
    actorName: row.actorName,
    stepPosition: row.stepPosition,
    type: row.type,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    note: row.note,
    data: row.data,
    createdAt: row.createdAt,
  };
}
