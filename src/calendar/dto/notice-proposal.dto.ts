import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from 'src/calendar/calendar.constants';
import { CalendarDayResponseDto } from './calendar-responses.dto';

export class NoticeProposalRequestDto {
  @ApiProperty({ description: '国务院办公厅《关于××××年部分节假日安排的通知》全文（粘贴）' })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  text!: string;

  @ApiPropertyOptional({ description: '年份（缺省时从通知标题读取）', example: 2027 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_CALENDAR_YEAR)
  @Max(MAX_CALENDAR_YEAR)
  year?: number;
}

export class NoticeProposalResponseDto {
  @ApiProperty({ nullable: true, type: Number, description: '通知所属年份；无法识别时为 null' })
  year!: number | null;

  @ApiProperty({ nullable: true, type: String, description: '通知名称与文号（可作为保存时的 source）' })
  source!: string | null;

  @ApiProperty({ type: [CalendarDayResponseDto], description: '建议录入该年的放假日与调休上班日' })
  days!: CalendarDayResponseDto[];

  @ApiProperty({
    type: [CalendarDayResponseDto],
    description: '通知中落在相邻年份的日期（如元旦从上一年 12 月 30 日起放假），需在所在年份录入',
  })
  otherYearDays!: CalendarDayResponseDto[];

  @ApiProperty({ type: [String], description: '需要人工核对之处（星期与日期不符、天数不符等）' })
  warnings!: string[];
}
