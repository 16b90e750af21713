import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCalendarDate } from 'src/calendar/dto/is-calendar-date';
import { PageQueryDto } from 'src/common/validation/page-query.dto';

// Filters every clerk's list shares (办件列表, 已办, 我发起的): duty, date range, applicant search.
export class WorkListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '事项 ID（duties.id）：该事项任一版本模板的办件' })
  @IsOptional()
  @IsUUID()
  duty?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: '起始日期（含，北京时间）' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '截止日期（含，北京时间）' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    description: '办理对象姓名、标题或事项名称关键字；完整的 18 位公民身份号码按号码精确查找',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
