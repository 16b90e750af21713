import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { maskIdentityNumber, maskPersonalData } from 'src/common/personal-data/masking';
import { WorkListQueryDto } from 'src/workflow/dto/work-list-query.dto';
import { StepStatus } from 'src/domain/step-status';
import { CaseStatus } from 'src/workflow/case-status';
import { WorkItemRow } from 'src/workflow/work-lists.repository';

export class InboxQueryDto extends WorkListQueryDto {
  @ApiPropertyOptional({
    enum: [StepStatus.Ready, StepStatus.InProgress],
    description: '环节状态：待办理或办理中',
  })
  @IsOptional()
  @IsIn([StepStatus.Ready, StepStatus.InProgress])
  status?: StepStatus;
}

export class DoneQueryDto extends WorkListQueryDto {
  @ApiPropertyOptional({ enum: CaseStatus, enumName: 'CaseStatus', description: '办件现在的状态' })
  @IsOptional()
  @IsIn(Object.values(CaseStatus))
  status?: CaseStatus;
}

// One step in 待办 or 已办, with its case and duty. Titles and notes are masked like every list.
export class WorkItemDto {
  @ApiProperty({ format: 'uuid', description: '环节 ID' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty()
  position!: number;

  @ApiProperty({ enum: ['department', 'township'] })
  lane!: string;

  @ApiProperty({ type: String, nullable: true })
  section!: string | null;

  @ApiProperty({ description: '同一办理方、同一子流程内的顺序（“乡镇第 N 步”）', example: 1 })
  order!: number;

  @ApiProperty({ description: '环节内容' })
  text!: string;

  @ApiProperty({ enum: StepStatus, enumName: 'StepStatus' })
  status!: StepStatus;

  @ApiProperty({ type: [String], description: '部门环节的承办部门' })
  assigneeDepartmentIds!: string[];

  @ApiProperty({ type: [Number] })
  dependsOn!: number[];

  @ApiProperty()
  dueWorkingDays!: number;

  @ApiProperty()
  optional!: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  claimedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '开始计时时间' })
  readyAt!: Date | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-12-09', description: '应办结日期（北京时间）' })
  dueDate!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '标记逾期的时间' })
  overdueAt!: Date | null;

  @ApiProperty({ description: '0 未升级；1 已报承办单位负责人；2 已报县督办' })
  escalationLevel!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: Date | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  completedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '办结人姓名' })
  completedByName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty()
  revision!: number;

  @ApiProperty()
  caseTitle!: string;

  @ApiProperty({ description: '办理对象姓名' })
  caseSubject!: string;

  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus' })
  caseStatus!: CaseStatus;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '6523********0024',
    description: '办理对象公民身份号码（脱敏）',
  })
  applicantIdNumber!: string | null;

  @ApiProperty({ format: 'uuid' })
  townshipId!: string;

  @ApiProperty()
  townshipName!: string;

  @ApiProperty({ format: 'uuid' })
  dutyId!: string;

  @ApiProperty()
  dutyName!: string;

  @ApiProperty()
  dutyCategory!: string;

  @ApiProperty()
  templateVersion!: number;
}

export class WorkItemPageDto {
  @ApiProperty({ type: [WorkItemDto] })
  items!: WorkItemDto[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;
}

export function toWorkItem(row: WorkItemRow): WorkItemDto {
  return {
    id: row.id,
    caseId: row.caseId,
    position: row.position,
    lane: row.lane,
    section: row.section,
    order: row.order,
    text: row.text,
    status: row.status,
    assigneeDepartmentIds: row.assigneeDepartmentIds,
    dependsOn: row.dependsOn,
    dueWorkingDays: row.dueWorkingDays,
    optional: row.optional,
    claimedBy: row.claimedBy,
    readyAt: row.readyAt,
    dueDate: row.dueDate,
    dueAt: row.dueAt,
    overdueAt: row.overdueAt,
    escalationLevel: row.escalationLevel,
    completedAt: row.completedAt,
    completedBy: row.completedBy,
    completedByName: row.completedByName,
    note: maskPersonalData(row.note),
    revision: row.revision,
    caseTitle: maskPersonalData(row.caseTitle),
    caseSubject: row.caseSubject,
    caseStatus: row.caseStatus,
    applicantIdNumber: maskIdentityNumber(row.applicantIdNumber),
    townshipId: row.townshipId,
    townshipName: row.townshipName,
    dutyId: row.dutyId,
    dutyName: row.dutyName,
    dutyCategory: row.dutyCategory,
    templateVersion: row.templateVersion,
  };
}
