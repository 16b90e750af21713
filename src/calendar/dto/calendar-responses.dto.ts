import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CALENDAR_DAY_KINDS, CalendarDayKind } from 'src/calendar/calendar.types';

const BEYOND_COVERED_YEARS =
  '计算中用到了尚未录入节假日安排的年份（按周一至周五上班估算），次年通知发布后结果可能变化';

export class AddWorkingDaysResponseDto {
  @ApiProperty({ example: '2025-09-26' })
  from!: string;

  @ApiProperty({ example: 5 })
  days!: number;

  @ApiProperty({ description: '第 N 个工作日（到期日）', example: '2025-10-10' })
  date!: string;

  @ApiProperty({ description: BEYOND_COVERED_YEARS })
  beyondCoveredYears!: boolean;
}

export class WorkingDaysBetweenResponseDto {
  @ApiProperty({ example: '2025-09-26' })
  from!: string;

  @ApiProperty({ example: '2025-10-10' })
  to!: string;

  @ApiProperty({ description: 'from 之后（不含）到 to（含）的工作日数；to 早于 from 时为负', example: 5 })
  workingDays!: number;

  @ApiProperty({ description: BEYOND_COVERED_YEARS })
  beyondCoveredYears!: boolean;
}

export class CalendarDayResponseDto {
  @ApiProperty({ example: '2026-02-16' })
  date!: string;

  @ApiProperty({ enum: CALENDAR_DAY_KINDS })
  kind!: CalendarDayKind;

  @ApiProperty({ example: '春节' })
  name!: string;
}

export class CalendarYearResponseDto {
  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({ description: '依据的通知' })
  source!: string;

  @ApiProperty()
  updatedAt!: Date;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: '最后修改的管理员' })
  updatedBy!: string | null;

  @ApiProperty({ type: [CalendarDayResponseDto] })
  days!: CalendarDayResponseDto[];
}

export class CalendarYearSummaryDto {
  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty()
  source!: string;

  @ApiProperty()
  updatedAt!: Date;

  @ApiProperty({ description: '放假日数（含周末）' })
  holidays!: number;

  @ApiProperty({ description: '调休上班日数' })
  workdays!: number;
}

export class CalendarChangeResponseDto {
  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({ type: [Number], description: '工作日安排发生变化的年份' })
  changedYears!: number[];

  @ApiProperty({ type: [String], description: '是否上班发生变化的日期' })
  changedDates!: string[];

  @ApiProperty({ description: '该年此前未录入（之前按周一至周五上班估算）' })
  newlyCovered!: boolean;
}
