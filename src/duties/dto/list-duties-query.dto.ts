import { BooleanQuery } from 'src/common/validation/boolean-query';
import { PageQueryDto } from 'src/common/validation/page-query.dto';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DutyListKind } from 'src/domain/vocabulary';
import { DUTY_LIST_KINDS } from 'src/domain/duty-list-kind';

export class ListDutiesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '事项名称关键字（中文子串）', example: '残疾人证' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: '乡镇 ID 或乡镇名称', example: '三个庄子镇' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  township?: string;

  @ApiPropertyOptional({
    enum: DUTY_LIST_KINDS,
    description: 'basic=基本履职事项, cooperative=配合履职事项, withdrawn=上级部门收回事项',
  })
  @IsOptional()
  @IsIn(DUTY_LIST_KINDS)
  list?: DutyListKind;

  @ApiPropertyOptional({ description: '只看需要人工复核的行（true/false）' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  needsReview?: boolean;
}
