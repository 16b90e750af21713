import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser, Roles } from 'src/auth/roles.decorator';
import { UserRole } from 'src/users/user-role';
import { CalendarService } from './calendar.service';
import { AddWorkingDaysQueryDto } from './dto/add-working-days-query.dto';
import {
  AddWorkingDaysResponseDto,
  CalendarChangeResponseDto,
  CalendarYearResponseDto,
  CalendarYearSummaryDto,
  WorkingDaysBetweenResponseDto,
} from './dto/calendar-responses.dto';
import { NoticeProposalRequestDto, NoticeProposalResponseDto } from './dto/notice-proposal.dto';
import { readHolidayNotice } from './notice-reader';
import { ReplaceCalendarYearDto } from './dto/replace-calendar-year.dto';
import { WorkingDaysBetweenQueryDto } from './dto/working-days-between-query.dto';
import { YearParam } from './year-param';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('add-working-days')
  @ApiOperation({ summary: '从起算日（不计入）起第 N 个工作日是哪天（含法定节假日与调休）' })
  @ApiOkResponse({ type: AddWorkingDaysResponseDto })
  async addWorkingDays(@Query() query: AddWorkingDaysQueryDto): Promise<AddWorkingDaysResponseDto> {
    const result = await this.calendar.addWorkingDays(query.from, query.days);
    return { from: query.from, days: query.days, ...result };
  }

  @Get('working-days-between')
  @ApiOperation({ summary: '两个日期之间的工作日数（from 不计入，to 计入）' })
  @ApiOkResponse({ type: WorkingDaysBetweenResponseDto })
  async workingDaysBetween(
    @Query() query: WorkingDaysBetweenQueryDto,
  ): Promise<WorkingDaysBetweenResponseDto> {
    const result = await this.calendar.workingDaysBetween(query.from, query.to);
    return { from: query.from, to: query.to, ...result };
  }

  @Get('years')
  @ApiOperation({ summary: '已录入节假日安排的年份（未录入的年份按周一至周五上班估算）' })
  @ApiOkResponse({ type: [CalendarYearSummaryDto] })
  listYears(): Promise<CalendarYearSummaryDto[]> {
    return this.calendar.listYears();
  }

  @Get('years/:year')
  @ApiOperation({ summary: '某一年的放假日与调休上班日及依据的通知' })
  @ApiOkResponse({ type: CalendarYearResponseDto })
  getYear(@YearParam() year: number): Promise<CalendarYearResponseDto> {
    return this.calendar.getYear(year);
  }

  @Put('years/:year')
  @Roles(UserRole.Admin)
  @ApiOperation({ summary: '整体替换某一年的节假日安排（国务院办公厅通知发布后录入）' })
  @ApiOkResponse({ type: CalendarChangeResponseDto })
  replaceYear(
    @YearParam() year: number,
    @Body() body: ReplaceCalendarYearDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CalendarChangeResponseDto> {
    return this.calendar.replaceYear(year, body, user.id);
  }

  @Post('notice-proposal')
  @HttpCode(200)
  @Roles(UserRole.Admin)
  @ApiOperation({
    summary:
      '读取粘贴的国务院放假通知，给出建议的放假日与调休上班日（不保存；确认后用 PUT /calendar/years/:year 保存）',
  })
  @ApiOkResponse({ type: NoticeProposalResponseDto })
  proposeFromNotice(@Body() body: NoticeProposalRequestDto): NoticeProposalResponseDto {
    return readHolidayNotice(body.text, body.year);
  }
}
