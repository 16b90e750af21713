import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ImportFailure, ImportResult } from 'src/duty-lists/import.entity';
import { ImportView } from 'src/duty-lists/imports.repository';
import { IMPORT_STATUS_LABELS, ImportStatus } from 'src/duty-lists/import-status';

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
    type: Object,
  })
  result!: ImportResult | null;

  @ApiPropertyOptional({ description: '失败原因（中文）', nullable: true, type: Object })
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
