import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_WORKING_DAYS } from 'src/calendar/calendar.constants';
import { IsCalendarDate } from './is-calendar-date';

export class AddWorkingDaysQueryDto {
  @ApiProperty({ description: '起算日（当天不计入）', example: '2025-09-26' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({
    description: '工作日数；0 返回起算日本身',
    minimum: 0,
    maximum: MAX_WORKING_DAYS,
    example: 5,
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_WORKING_DAYS)
  days!: number;
}
