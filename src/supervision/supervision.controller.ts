import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser, Roles } from 'src/auth/roles.decorator';
import { UserRole } from 'src/users/user-role';
import {
  OverdueExportQueryDto,
  OverdueQueryDto,
  StatsExportQueryDto,
  StatsQueryDto,
  SupervisionFilterDto,
} from './dto/supervision-query.dto';
import { Board, BoardService } from './board.service';
import { SupervisionOptions } from './supervision-options.repository';
import {
  EXPORT_FILE_RESPONSE,
  OverduePageResponseDto,
  SupervisionStatsResponseDto,
  toOverduePageResponse,
  toSupervisionStatsResponse,
  BoardResponseDto,
  SupervisionOptionsResponseDto,
} from './dto/supervision-response.dto';
import { contentDisposition } from './supervision-export';
import { SupervisionExport, SupervisionExportService } from './supervision-export.service';
import { SupervisionService } from './supervision.service';

const EXPORT_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'];

@ApiTags('supervision')
@ApiBearerAuth()
// Department and township staff pass here only as their unit's 负责人 (supervisionScopeOf refuses the others).
@Roles(UserRole.Admin, UserRole.Supervisor, UserRole.DepartmentStaff, UserRole.TownshipStaff)
@Controller('supervision')
export class SupervisionController {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly exports: SupervisionExportService,
    private readonly boards: BoardService,
  ) {}

  @Get('board')
  @ApiOperation({
    summary:
      '督办看板：在办办件、在办环节、已逾期环节、本月按时办结率、平均办理用时（工作日）及上月对比；按部门/乡镇的逾期环节、逾期账龄、近 12 周逾期走势',
  })
  @ApiOkResponse({ type: BoardResponseDto })
  board(@CurrentUser() user: AuthUser, @Query() query: SupervisionFilterDto): Promise<Board> {
    return this.boards.board(user, query);
  }

  @Get('options')
  @ApiOperation({ summary: '筛选项：县、县直部门、乡镇、事项类别、事项（按名称选择）' })
  @ApiOkResponse({ type: SupervisionOptionsResponseDto })
  options(@CurrentUser() user: AuthUser, @Query() query: SupervisionFilterDto): Promise<SupervisionOptions> {
    return this.supervision.options(user, query);
  }

  @Get('overdue')
  @ApiOperation({
    summary: '逾期环节清单：督办人员看本县、管理员看全部；逾期天数按工作日计算，可筛选、排序、分页',
  })
  @ApiOkResponse({ type: OverduePageResponseDto })
  async overdue(
    @CurrentUser() user: AuthUser,
    @Query() query: OverdueQueryDto,
  ): Promise<OverduePageResponseDto> {
    return toOverduePageResponse(await this.supervision.overdue(user, query));
  }

  @Get('overdue/export')
  @ApiProduces(...EXPORT_TYPES)
  @ApiOkResponse(EXPORT_FILE_RESPONSE)
  @ApiOperation({ summary: '导出逾期环节清单（xlsx 或带 BOM 的 UTF-8 CSV），筛选同清单，最多 50000 条' })
  async exportOverdue(
    @CurrentUser() user: AuthUser,
    @Query() query: OverdueExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return sendFile(res, await this.exports.overdue(user, query));
  }

  @Get('ledger/export')
  @ApiOkResponse(EXPORT_FILE_RESPONSE)
  @ApiProduces(...EXPORT_TYPES)
  @ApiOperation({
    summary:
      '导出台账：xlsx 含“逾期环节”“单位统计”两张表（标题行含县与统计截止时间、序号、日期为 Excel 日期）；CSV 为逾期环节',
  })
  async exportLedger(
    @CurrentUser() user: AuthUser,
    @Query() query: OverdueExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return sendFile(res, await this.exports.ledger(user, query));
  }

  @Get('stats')
  @ApiOperation({
    summary:
      '督办统计：按县直部门、按乡镇的在办、逾期、按期/逾期办结、按期率、用时中位数（工作日）、逾期账龄',
  })
  @ApiOkResponse({ type: SupervisionStatsResponseDto })
  async stats(
    @CurrentUser() user: AuthUser,
    @Query() query: StatsQueryDto,
  ): Promise<SupervisionStatsResponseDto> {
    return toSupervisionStatsResponse(await this.supervision.stats(user, query));
  }

  @Get('stats/export')
  @ApiProduces(...EXPORT_TYPES)
  @ApiOkResponse(EXPORT_FILE_RESPONSE)
  @ApiOperation({ summary: '导出督办统计（xlsx 每张表一个工作表；CSV 两张表合并，首列注明）' })
  async exportStats(
    @CurrentUser() user: AuthUser,
    @Query() query: StatsExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return sendFile(res, await this.exports.stats(user, query));
  }
}

function sendFile(res: Response, file: SupervisionExport): StreamableFile {
  res.setHeader('X-Total-Count', String(file.total));
  res.setHeader('X-Export-Truncated', String(file.truncated));
  return new StreamableFile(file.body, {
    type: file.contentType,
    disposition: contentDisposition(file.fileName, file.asciiFileName),
    length: file.body.length,
  });
}
