import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { DutyListKind } from 'src/duty-lists/duty-list.types';
import { DUTY_LIST_KINDS } from 'src/duties/duty-list-kind';

export class ListDutiesQueryDto {
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
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  needsReview?: boolean;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 20;
}
