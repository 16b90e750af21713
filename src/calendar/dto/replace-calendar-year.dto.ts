import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CALENDAR_DAY_KINDS, CalendarDayKind } from 'src/calendar/calendar.types';

// Shape only; the content rules (real date inside the year, no duplicates, make-up workdays on
// weekends) are checked by CalendarService, which answers with one error naming every bad day.
export class CalendarDayDto {
  @ApiProperty({ description: '日期（YYYY-MM-DD），须在该年内', example: '2026-02-16' })
  @IsString()
  @MaxLength(10)
  date!: string;

  @ApiProperty({
    enum: CALENDAR_DAY_KINDS,
    description: 'holiday=放假（含放假区间内的周六周日），workday=调休上班（只能是周六或周日）',
  })
  @IsIn(CALENDAR_DAY_KINDS)
  kind!: CalendarDayKind;

  @ApiProperty({ description: '节日名称', example: '春节' })
  @IsString()
  @MaxLength(50)
  name!: string;
}

export class ReplaceCalendarYearDto {
  @ApiProperty({
    description: '依据的通知名称与文号',
    example: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  source!: string;

  @ApiProperty({ type: [CalendarDayDto], description: '该年全部放假日与调休上班日（整体替换）' })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  days!: CalendarDayDto[];
}
