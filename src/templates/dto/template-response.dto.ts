import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DependencyEvidence, DependencyRule } from 'src/domain/dependency-evidence';
import { CaseFieldDefinitionDto } from 'src/applicants/applicant.dto';
import { StepLane } from 'src/domain/vocabulary';
import { DocumentUpdate, TemplateOrigin } from 'src/templates/template-provenance';
import { TemplateRow, TemplateStepRow, TemplateStepWrite } from 'src/templates/templates.repository';
import { TemplateDetail } from 'src/templates/templates.service';

const STEP_LANES: StepLane[] = ['department', 'township'];

export class UnitNameDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '奇台县残联' })
  name!: string;
}

export class DependencyEvidenceDto {
  @ApiProperty({ description: '所依赖环节的序号', example: 3 })
  on!: number;

  @ApiProperty({
    enum: DependencyRule,
    description:
      'lane-order=文件顺序，township-to-department=乡镇报送部门，department-to-township=部门交办乡镇，after-condition=“…后”条件，person=人工设置',
  })
  rule!: DependencyRule;

  @ApiProperty({ type: [String], description: '触发该规则的词语', example: ['报送'] })
  words!: string[];
}

// The step fields a version is written with (also the proposed steps of a changed document).
export class TemplateStepContentDto {
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

  @ApiProperty({ type: [Number], description: '前序环节序号' })
  dependsOn!: number[];

  @ApiProperty({ description: '办理期限（工作日）', example: 5 })
  dueWorkingDays!: number;

  @ApiProperty()
  optional!: boolean;

  @ApiProperty({ description: '常态化环节（持续开展，不按单个办件流转）' })
  standing!: boolean;

  @ApiProperty({ type: [DependencyEvidenceDto], description: '每条前序关系的依据' })
  evidence!: DependencyEvidenceDto[];
}

class ComparedStepDto {
  @ApiProperty() position!: number;
  @ApiProperty({ enum: STEP_LANES }) lane!: StepLane;
  @ApiProperty({ type: String, nullable: true }) section!: string | null;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) assigneeDepartmentIds!: string[];
  @ApiProperty({ type: [Number] }) dependsOn!: number[];
  @ApiProperty() standing!: boolean;
}

class StepDifferenceDto {
  @ApiProperty() position!: number;
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) change!: 'added' | 'removed' | 'changed';
  @ApiProperty({ type: [String], description: '不同的字段' }) fields!: string[];
  @ApiProperty({ type: ComparedStepDto, nullable: true, description: '人工版本中的环节' })
  before!: ComparedStepDto | null;
  @ApiProperty({ type: ComparedStepDto, nullable: true, description: '新文件生成的环节' })
  after!: ComparedStepDto | null;
}

class ProposedVersionDto {
  @ApiProperty() name!: string;
  @ApiProperty() contentHash!: string;
  @ApiProperty() needsReview!: boolean;
  @ApiProperty({ type: [TemplateStepContentDto] }) steps!: TemplateStepContentDto[];
}

export class DocumentUpdateDto {
  @ApiProperty({ description: '新文件中该行的哈希' }) sourceHash!: string;
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ description: '发现时间（ISO）' }) detectedAt!: string;
  @ApiProperty({ type: [StepDifferenceDto] }) differences!: StepDifferenceDto[];
  @ApiProperty({ type: ProposedVersionDto, description: '采用文件时将成为的版本' })
  proposed!: ProposedVersionDto;
}

// A saved step: the written content plus its id and the assignees' names.
export class TemplateStepResponseDto extends TemplateStepContentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: [UnitNameDto], description: '承办部门名称' })
  assignees!: UnitNameDto[];
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

  @ApiProperty({ enum: ['document', 'person'], description: 'document=由清单文件生成，person=人工修改' })
  origin!: TemplateOrigin;

  @ApiProperty({ type: String, nullable: true, description: '生成该版本的清单行的哈希' })
  sourceHash!: string | null;

  @ApiProperty({ description: '推断的流程需要人工复核' })
  needsReview!: boolean;

  @ApiProperty({
    type: DocumentUpdateDto,
    nullable: true,
    description: '文件已更新，待复核（人工版本与新文件的差异）',
  })
  documentUpdate!: DocumentUpdateDto | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ example: 9 })
  stepCount!: number;

  @ApiProperty({ description: '跨泳道交接的环节数', example: 2 })
  handoffCount!: number;
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

  @ApiProperty({
    type: [CaseFieldDefinitionDto],
    description: '开办件时须填写的附加字段（名称、类型、是否必填）',
  })
  caseFields!: CaseFieldDefinitionDto[];

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
    origin: row.origin,
    sourceHash: row.sourceHash,
    needsReview: row.needsReview,
    documentUpdate: row.documentUpdate && toDocumentUpdateResponse(row.documentUpdate),
    createdAt: row.createdAt,
    stepCount: row.stepCount,
    handoffCount: row.handoffCount,
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
    standing: step.standing,
    evidence: step.evidence.map(toEvidenceResponse),
  };
}

function toEvidenceResponse(evidence: DependencyEvidence): DependencyEvidenceDto {
  return { on: evidence.on, rule: evidence.rule, words: evidence.words };
}

function toStepContentResponse(step: TemplateStepWrite): TemplateStepContentDto {
  return {
    position: step.position,
    lane: step.lane,
    section: step.section,
    order: step.order,
    text: step.text,
    assigneeDepartmentIds: step.assigneeDepartmentIds,
    dependsOn: step.dependsOn,
    dueWorkingDays: step.dueWorkingDays,
    optional: step.optional,
    standing: step.standing,
    evidence: step.evidence.map(toEvidenceResponse),
  };
}

function toDocumentUpdateResponse(update: DocumentUpdate): DocumentUpdateDto {
  return {
    sourceHash: update.sourceHash,
    documentId: update.documentId,
    detectedAt: update.detectedAt,
    differences: update.differences.map((d) => ({ ...d })),
    proposed: { ...update.proposed, steps: update.proposed.steps.map(toStepContentResponse) },
  };
}

export function toTemplateDetailResponse(detail: TemplateDetail): TemplateDetailResponseDto {
  return {
    ...toTemplateResponse(detail),
    steps: detail.steps.map(toTemplateStepResponse),
    sections: detail.sections,
    caseFields: (detail.caseFields ?? []).map((field) => ({ ...field })),
    ...(detail.retimeOpenCasesQueued === undefined
      ? {}
      : { retimeOpenCasesQueued: detail.retimeOpenCasesQueued }),
  };
}
