import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate } from 'src/calendar/dto/is-calendar-date';
import {
  EXPORT_FORMATS,
  ExportFormat,
  MAX_MIN_DAYS_OVERDUE,
  MAX_PAGE_SIZE,
  OVERDUE_SORTS,
  OverdueSort,
  SORT_ORDERS,
  SortOrder,
  TRAFFIC_LIGHTS,
  TrafficLightFilter,
} from 'src/supervision/supervision.constants';

// Filters shared by every supervisor view.
export class SupervisionFilterDto {
  @ApiPropertyOptional({ description: '县（仅管理员可选；督办人员固定为本县）', example: '奇台县' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  county?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '乡镇 ID（办件所属乡镇）' })
  @IsOptional()
  @IsUUID()
  township?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '县直部门 ID（由该部门承办的环节）' })
  @IsOptional()
  @IsUUID()
  department?: string;

  @ApiPropertyOptional({ description: '事项类别', example: '社会保障' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  category?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '流程模板 ID（匹配该事项的所有版本）' })
  @IsOptional()
  @IsUUID()
  template?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '事项 ID（见 GET /supervision/options）' })
  @IsOptional()
  @IsUUID()
  duty?: string;
}

export class OverdueFilterDto extends SupervisionFilterDto {
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_MIN_DAYS_OVERDUE, description: '至少逾期的工作日数' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_MIN_DAYS_OVERDUE)
  minDaysOverdue?: number;

  @ApiPropertyOptional({
    enum: TRAFFIC_LIGHTS,
    default: 'red',
    description: 'red=已逾期（默认）、yellow=剩 ≤2 个工作日、green=其余在办、all=全部在办环节',
  })
  @IsOptional()
  @IsIn(TRAFFIC_LIGHTS)
  light: TrafficLightFilter = 'red';

  @ApiPropertyOptional({ enum: OVERDUE_SORTS, default: 'daysOverdue' })
  @IsOptional()
  @IsIn(OVERDUE_SORTS)
  sort: OverdueSort = 'daysOverdue';

  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'desc' })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order: SortOrder = 'desc';
}

export class OverdueQueryDto extends OverdueFilterDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize = 20;
}

export class OverdueExportQueryDto extends OverdueFilterDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'xlsx';
}

export class StatsQueryDto extends SupervisionFilterDto {
  @ApiPropertyOptional({
    description: '环节开始办理（readyAt）不早于该日（含，中国日期）',
    example: '2025-01-01',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    description: '环节开始办理（readyAt）不晚于该日（含，中国日期）',
    example: '2025-12-31',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class StatsExportQueryDto extends StatsQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'xlsx';
}
