import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from 'src/common/validation/uuid-param';
import {
  DutyListDocumentResponseDto,
  toDutyListDocumentResponse,
} from './dto/duty-list-document-response.dto';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser, Roles } from 'src/auth/roles.decorator';
import { UserRole } from 'src/users/user-role';
import { MarkReviewedDto, RowReviewDto, WarningListDto } from './dto/warning.dto';
import { DutyListsService } from './duty-lists.service';
import { countRowsToReview } from './review';

@ApiTags('duty-lists')
@ApiBearerAuth()
@Controller('duty-lists')
export class DutyListsController {
  constructor(private readonly dutyLists: DutyListsService) {}

  @Get()
  @ApiOperation({ summary: '已导入的履职事项清单文件（每个乡镇每个版本一行）' })
  @ApiOkResponse({ type: [DutyListDocumentResponseDto] })
  async list(): Promise<DutyListDocumentResponseDto[]> {
    return (await this.dutyLists.list()).map(toDutyListDocumentResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: '一份清单文件的行数与提示数' })
  @ApiOkResponse({ type: DutyListDocumentResponseDto })
  async get(@UuidParam() id: string): Promise<DutyListDocumentResponseDto> {
    return toDutyListDocumentResponse(await this.dutyLists.getById(id));
  }

  @Get(':id/warnings')
  @ApiOperation({ summary: '该清单文件中需要人工复核的行' })
  @ApiOkResponse({ type: WarningListDto })
  async warnings(@UuidParam() id: string): Promise<WarningListDto> {
    const warnings = await this.dutyLists.getWarnings(id);
    return { warnings, rowsToReview: countRowsToReview(warnings) };
  }

  @Post(':id/reviews')
  @HttpCode(HttpStatus.OK)
  @Roles(UserRole.Admin)
  @ApiOperation({ summary: '标记一行已复核（记录复核人与时间；仅系统管理员）' })
  @ApiOkResponse({ type: RowReviewDto })
  async markReviewed(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: MarkReviewedDto,
  ): Promise<RowReviewDto> {
    return this.dutyLists.markReviewed(user, id, body.rowKey);
  }
}
