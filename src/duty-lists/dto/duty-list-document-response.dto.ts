import { ApiProperty } from '@nestjs/swagger';
import { DocumentRow } from 'src/duty-lists/duty-list-documents.repository';
import { DutyListCountsDto } from './import-response.dto';

export class DutyListDocumentResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  townshipId!: string;

  @ApiProperty({ example: '三个庄子镇' })
  townshipName!: string;

  @ApiProperty({ example: '奇台县' })
  county!: string;

  @ApiProperty({ example: 'qitai-sangezhuangzi.txt' })
  fileName!: string;

  @ApiProperty({ description: '文件内容的 SHA-256（十六进制）' })
  contentHash!: string;

  @ApiProperty({ example: 117000 })
  sizeBytes!: number;

  @ApiProperty({ type: DutyListCountsDto, description: '三张清单各自的行数' })
  counts!: DutyListCountsDto;

  @ApiProperty({ description: '数据质量提示条数' })
  warningCount!: number;

  @ApiProperty()
  importedAt!: Date;
}

export function toDutyListDocumentResponse(row: DocumentRow): DutyListDocumentResponseDto {
  return {
    id: row.id,
    townshipId: row.townshipId,
    townshipName: row.townshipName,
    county: row.county,
    fileName: row.fileName,
    contentHash: row.contentHash,
    sizeBytes: row.sizeBytes,
    counts: row.counts,
    warningCount: row.warningCount,
    importedAt: row.importedAt,
  };
}
