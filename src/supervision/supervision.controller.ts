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
} from './dto/supervision-query.dto';
import {
  EXPORT_FILE_RESPONSE,
  OverduePageResponseDto,
  SupervisionStatsResponseDto,
  toOverduePageResponse,
  toSupervisionStatsResponse,
} from './dto/supervision-response.dto';
import { contentDisposition } from './supervision-export';
import { SupervisionExport, SupervisionExportService } from './supervision-export.service';
import { SupervisionService } from './supervision.service';

const EXPORT_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'];

@ApiTags('supervision')
@ApiBearerAuth()
@Roles(UserRole.Admin, UserRole.Supervisor)
@Controller('supervision')
export class SupervisionController {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly exports: SupervisionExportService,
  ) {}

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
