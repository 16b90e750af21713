import { ApplicantResponseDto } from 'src/applicants/applicant.dto';
import { CaseView } from 'src/workflow/case-view';
import { ApiProperty } from '@nestjs/swagger';
import { CaseStatus } from 'src/workflow/case-status';
import { CaseDetail } from 'src/workflow/cases.service';
import { StepResponseDto, toStepResponse } from './step-response.dto';

export class CaseResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: '办件所用的模板版本' })
  templateId!: string;

  @ApiProperty({ example: 2 })
  templateVersion!: number;

  @ApiProperty({ format: 'uuid' })
  dutyId!: string;

  @ApiProperty({ example: '残疾人证管理' })
  dutyName!: string;

  @ApiProperty({ format: 'uuid' })
  townshipId!: string;

  @ApiProperty({ example: '三个庄子镇' })
  townshipName!: string;

  @ApiProperty({ example: '奇台县' })
  county!: string;

  @ApiProperty({ example: '张三 残疾人证申请' })
  title!: string;

  @ApiProperty({ example: '张三' })
  subject!: string;

  @ApiProperty({ type: ApplicantResponseDto, description: '办理对象；身份证号、电话按查看人权限脱敏' })
  applicant!: ApplicantResponseDto;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: '模板声明的附加字段的值',
  })
  extraFields!: Record<string, string | number | boolean> | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: [String], nullable: true, description: '办理的子流程；为空表示全部' })
  sections!: string[] | null;

  @ApiProperty({ enum: CaseStatus, description: 'open=办理中，completed=已办结，cancelled=已撤销' })
  status!: CaseStatus;

  @ApiProperty({ format: 'uuid', description: '开办人' })
  createdBy!: string;

  @ApiProperty({ type: String, nullable: true, description: '开办人姓名' })
  createdByName!: string | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ type: Date, nullable: true })
  completedAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  cancelledAt!: Date | null;

  @ApiProperty({ type: String, nullable: true })
  cancelReason!: string | null;

  @ApiProperty({ type: [String], format: 'uuid', description: '办件中承办环节的全部部门' })
  departmentIds!: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-12-09',
    description: '正在办理的环节中最近的应办结日期（北京时间）；没有在办环节时为空',
  })
  nextDueDate!: string | null;
}

export class CaseDetailResponseDto extends CaseResponseDto {
  @ApiProperty({ type: [StepResponseDto], description: '全部环节，按序号' })
  steps!: StepResponseDto[];
}

export class CasePageResponseDto {
  @ApiProperty({ type: [CaseResponseDto] })
  items!: CaseResponseDto[];

  @ApiProperty({ example: 1 })
  total!: number;

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 20 })
  pageSize!: number;
}

export function toCaseResponse(row: CaseView): CaseResponseDto {
  return {
    id: row.id,
    templateId: row.templateId,
    templateVersion: row.templateVersion,
    dutyId: row.dutyId,
    dutyName: row.dutyName,
    townshipId: row.townshipId,
    townshipName: row.townshipName,
    county: row.county,
    title: row.title,
    subject: row.subject,
    note: row.note,
    sections: row.sections,
    status: row.status,
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
    departmentIds: row.departmentIds,
    nextDueDate: row.nextDueDate,
    applicant: row.applicant,
    extraFields: row.extraFields,
  };
}

export function toCaseDetailResponse(detail: CaseDetail): CaseDetailResponseDto {
  return { ...toCaseResponse(detail), steps: detail.steps.map(toStepResponse) };
}
