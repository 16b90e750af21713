import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ImportFailure, ImportResult } from 'src/duty-lists/import.entity';
import { ImportView } from 'src/duty-lists/imports.repository';
import { IMPORT_STATUS_LABELS, ImportStatus } from 'src/duty-lists/import-status';

export class DutyListCountsDto {
  @ApiProperty({ description: '基本履职事项数', example: 106 })
  basic!: number;

  @ApiProperty({ description: '配合履职事项数', example: 97 })
  cooperative!: number;

  @ApiProperty({ description: '上级部门收回事项数', example: 37 })
  withdrawn!: number;
}

class DutyChangesDto {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty({ description: '文件中已不存在、已停用的事项' }) retired!: number;
}

class TemplateChangesDto {
  @ApiProperty() created!: number;
  @ApiProperty() unchanged!: number;
}

class DepartmentChangesDto {
  @ApiProperty() created!: number;
}

export class ImportResultDto {
  @ApiProperty({ format: 'uuid' })
  documentId!: string;

  @ApiProperty({ format: 'uuid' })
  townshipId!: string;

  @ApiProperty({ example: '三个庄子镇' })
  township!: string;

  @ApiProperty({ description: '同一文件已导入过，未写入任何数据' })
  documentUnchanged!: boolean;

  @ApiProperty({ type: DutyListCountsDto })
  counts!: DutyListCountsDto;

  @ApiProperty({ type: DutyChangesDto })
  duties!: DutyChangesDto;

  @ApiProperty({ type: TemplateChangesDto })
  templates!: TemplateChangesDto;

  @ApiProperty({ type: DepartmentChangesDto })
  departments!: DepartmentChangesDto;

  @ApiProperty({ description: '数据质量提示条数' })
  warnings!: number;
}

export class ImportFailureDto {
  @ApiProperty({ example: 'DUTY_LIST_INVALID' })
  code!: string;

  @ApiProperty({ description: '中文说明' })
  message!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: '如文件名、行号' })
  details?: Record<string, unknown>;
}

export class ImportResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'qitai-sangezhuangzi.txt' })
  fileName!: string;

  @ApiProperty({ enum: ImportStatus })
  status!: ImportStatus;

  @ApiProperty({ example: '导入中', description: '状态的中文名称' })
  statusLabel!: string;

  @ApiProperty({ minimum: 0, maximum: 100, description: '进度百分比' })
  progress!: number;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  documentId!: string | null;

  @ApiPropertyOptional({
    description: '导入结果：新增/更新/未变的事项与模板数',
    nullable: true,
    type: ImportResultDto,
  })
  result!: ImportResult | null;

  @ApiPropertyOptional({ description: '失败原因（中文）', nullable: true, type: ImportFailureDto })
  failure!: ImportFailure | null;

  @ApiProperty()
  createdAt!: Date;

  @ApiPropertyOptional({ nullable: true, type: Date })
  startedAt!: Date | null;

  @ApiPropertyOptional({ nullable: true, type: Date })
  finishedAt!: Date | null;
}

export function toImportResponse(view: ImportView): ImportResponseDto {
  return { ...view, statusLabel: IMPORT_STATUS_LABELS[view.status] };
}
