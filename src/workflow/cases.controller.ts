import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/roles.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { CaseEventRow } from './case-events.repository';
import { CaseRow } from './cases.repository';
import { CaseDetail, CasesService } from './cases.service';
import { CancelCaseDto, CreateCaseDto, ListCasesQueryDto } from './dto/case.dto';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: '重复提交同一键时返回首次结果，不重复办理',
};

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: '开办件：按模板创建办件及全部环节（一个事务），无前序的环节立即待办' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCaseDto): Promise<CaseDetail> {
    return this.cases.open(user, body);
  }

  @Get()
  @ApiOperation({ summary: '办件列表（按状态、乡镇、模板、部门、关键字筛选，分页）；只含本人可见的办件' })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListCasesQueryDto,
  ): Promise<{ items: CaseRow[]; total: number }> {
    return this.cases.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '办件详情及全部环节' })
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<CaseDetail> {
    return this.cases.get(user, id);
  }

  @Get(':id/events')
  @ApiOperation({ summary: '办件的完整操作记录（谁、何时、从何状态到何状态、说明）' })
  events(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<CaseEventRow[]> {
    return this.cases.listEvents(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: '撤销办件（开办乡镇或管理员），未办结的环节一并撤销' })
  cancel(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: CancelCaseDto,
  ): Promise<CaseDetail> {
    return this.cases.cancel(user, id, body);
  }
}
