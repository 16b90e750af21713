import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ParseWarningDto {
  @ApiProperty({ example: 'MISSING_DEPARTMENT' })
  code!: string;

  @ApiProperty({ example: 'departments' })
  field!: string;

  @ApiProperty({ example: '配合履职事项序号 8：对应上级部门为空，请人工补录' })
  message!: string;

  @ApiProperty({ description: '源文件行号' })
  line!: number;

  @ApiPropertyOptional({ enum: ['basic', 'cooperative', 'withdrawn'] })
  list?: string;

  @ApiPropertyOptional({ description: '序号' })
  no?: number;
}

export class WarningListDto {
  @ApiProperty({ type: [ParseWarningDto] })
  warnings!: ParseWarningDto[];

  @ApiProperty({ description: '需要人工复核的行数（按清单与序号去重）' })
  rowsToReview!: number;
}
