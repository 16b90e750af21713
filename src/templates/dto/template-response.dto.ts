import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { StepLane } from 'src/domain/vocabulary';
import { TemplateRow, TemplateStepRow } from 'src/templates/templates.repository';
import { TemplateDetail } from 'src/templates/templates.service';

const STEP_LANES: StepLane[] = ['department', 'township'];

export class UnitNameDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '奇台县残联' })
  name!: string;
}

export class TemplateStepResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: '环节序号（模板内唯一）', example: 1 })
  position!: number;

  @ApiProperty({ enum: STEP_LANES, description: 'department=县直部门办理，township=乡镇办理' })
  lane!: StepLane;

  @ApiProperty({ type: String, nullable: true, description: '所属子流程（“一、…”标题）' })
  section!: string | null;

  @ApiProperty({ description: '同一办理方、同一子流程内的顺序', example: 1 })
  order!: number;

  @ApiProperty({ example: '审核申请材料' })
  text!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  assigneeDepartmentIds!: string[];

  @ApiProperty({ type: [UnitNameDto], description: '承办部门名称' })
  assignees!: UnitNameDto[];

  @ApiProperty({ type: [Number], description: '前序环节序号' })
  dependsOn!: number[];

  @ApiProperty({ description: '办理期限（工作日）', example: 5 })
  dueWorkingDays!: number;

  @ApiProperty()
  optional!: boolean;
}

export class TemplateResponseDto {
  @ApiProperty({ format: 'uuid', description: '模板某一版本的 ID' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  dutyId!: string;

  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ description: '该事项的最新版本号', example: 2 })
  latestVersion!: number;

  @ApiProperty({ example: '残疾人证管理' })
  name!: string;

  @ApiProperty({ description: '配合履职事项清单中的序号', example: 8 })
  dutyNo!: number;

  @ApiProperty({ example: '社会事务' })
  category!: string;

  @ApiProperty({ format: 'uuid' })
  townshipId!: string;

  @ApiProperty({ example: '三个庄子镇' })
  townshipName!: string;

  @ApiProperty({ example: '奇台县' })
  county!: string;

  @ApiProperty({ type: [UnitNameDto], description: '对应上级部门' })
  departments!: UnitNameDto[];

  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description: '来自哪份清单文件；人工修改的版本为空',
  })
  documentId!: string | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ example: 9 })
  stepCount!: number;
}

export class TemplatePageResponseDto {
  @ApiProperty({ type: [TemplateResponseDto] })
  items!: TemplateResponseDto[];

  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class TemplateDetailResponseDto extends TemplateResponseDto {
  @ApiProperty({ type: [TemplateStepResponseDto] })
  steps!: TemplateStepResponseDto[];

  @ApiProperty({ type: [String], description: '子流程标题（开办件时可选择其中几项）' })
  sections!: string[];

  @ApiPropertyOptional({ description: '保存时选择了 retimeOpenCases：已开办件的期限调整已排入后台任务' })
  retimeOpenCasesQueued?: boolean;
}

export function toTemplateResponse(row: TemplateRow): TemplateResponseDto {
  return {
    id: row.id,
    dutyId: row.dutyId,
    version: row.version,
    latestVersion: row.latestVersion,
    name: row.name,
    dutyNo: row.dutyNo,
    category: row.category,
    townshipId: row.townshipId,
    townshipName: row.townshipName,
    county: row.county,
    departments: row.departments,
    documentId: row.documentId,
    createdAt: row.createdAt,
    stepCount: row.stepCount,
  };
}

export function toTemplateStepResponse(step: TemplateStepRow): TemplateStepResponseDto {
  return {
    id: step.id,
    position: step.position,
    lane: step.lane,
    section: step.section,
    order: step.order,
    text: step.text,
    assigneeDepartmentIds: step.assigneeDepartmentIds,
    assignees: step.assignees,
    dependsOn: step.dependsOn,
    dueWorkingDays: step.dueWorkingDays,
    optional: step.optional,
  };
}

export function toTemplateDetailResponse(detail: TemplateDetail): TemplateDetailResponseDto {
  return {
    ...toTemplateResponse(detail),
    steps: detail.steps.map(toTemplateStepResponse),
    sections: detail.sections,
    ...(detail.retimeOpenCasesQueued === undefined
      ? {}
      : { retimeOpenCasesQueued: detail.retimeOpenCasesQueued }),
  };
}
