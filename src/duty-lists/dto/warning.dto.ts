import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { ParseWarningDto } from 'src/domain/parse-warning.dto';

export class ReviewWarningDto extends ParseWarningDto {
  @ApiProperty({ description: '复核记录的键：清单与序号（cooperative:8），或文档级提示的行（line:42）' })
  rowKey!: string;

  @ApiProperty({ type: Date, nullable: true, description: '标记已复核的时间；未复核为空' })
  reviewedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true, description: '标记已复核的人' })
  reviewedByName!: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: '源文件中该行的原文（仅导入任务的列表）',
  })
  sourceLine?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: '提示所指字段在该行中的原始单元格文字（仅导入任务的列表）',
  })
  rawCell?: string | null;
}

export class WarningListDto {
  @ApiProperty({ type: [ReviewWarningDto] })
  warnings!: ReviewWarningDto[];

  @ApiProperty({ description: '需要人工复核的行数（按清单与序号去重）' })
  rowsToReview!: number;
}

export class MarkReviewedDto {
  @ApiProperty({ description: '要标记的行（提示中的 rowKey）', example: 'cooperative:8' })
  @IsString()
  @MaxLength(40)
  @Matches(/^(basic|cooperative|withdrawn):\d+$|^line:\d+$/, { message: '应为提示中的 rowKey' })
  rowKey!: string;
}

export class RowReviewDto {
  @ApiProperty({ example: 'cooperative:8' })
  rowKey!: string;

  @ApiProperty()
  reviewedAt!: Date;

  @ApiProperty({ example: '管理员' })
  reviewedByName!: string;
}
