import { ApiProperty } from '@nestjs/swagger';
import { MaterialKind } from './material-type';
import { MaterialRow } from './materials.repository';

export class MaterialResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: '附于哪个环节（办结材料）；null 为办件材料',
  })
  stepId!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: '所附环节的序号' })
  stepPosition!: number | null;

  @ApiProperty({ example: '残疾人证申请表.pdf' })
  fileName!: string;

  @ApiProperty({ enum: MaterialKind, enumName: 'MaterialKind', description: '按文件内容识别的类型' })
  kind!: MaterialKind;

  @ApiProperty({ example: 'application/pdf' })
  mediaType!: string;

  @ApiProperty({ description: '字节数' })
  size!: number;

  @ApiProperty({ description: 'SHA-256（十六进制）' })
  sha256!: string;

  @ApiProperty({ format: 'uuid' })
  uploadedBy!: string;

  @ApiProperty({ type: String, nullable: true, description: '上传人姓名' })
  uploadedByName!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export function toMaterialResponse(row: MaterialRow): MaterialResponseDto {
  return {
    id: row.id,
    caseId: row.caseId,
    stepId: row.stepId,
    stepPosition: row.stepPosition,
    fileName: row.fileName,
    kind: row.kind as MaterialKind,
    mediaType: row.mediaType,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    uploadedByName: row.uploadedByName,
    createdAt: row.createdAt,
  };
}
