import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from './is-calendar-date';

export class WorkingDaysBetweenQueryDto {
  @ApiProperty({ description: '起始日（不计入）', example: '2025-09-26' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ description: '截止日（计入）；早于 from 时结果为负数', example: '2025-10-10' })
  @IsCalendarDate()
  to!: string;
}
