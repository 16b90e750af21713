import { ApiProperty } from '@nestjs/swagger';
import { ParseWarningDto } from 'src/domain/parse-warning.dto';

export class WarningListDto {
  @ApiProperty({ type: [ParseWarningDto] })
  warnings!: ParseWarningDto[];

  @ApiProperty({ description: '需要人工复核的行数（按清单与序号去重）' })
  rowsToReview!: number;
}
