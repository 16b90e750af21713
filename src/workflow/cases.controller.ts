import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/roles.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import {
  CaseDetailResponseDto,
  CasePageResponseDto,
  toCaseDetailResponse,
  toCaseResponse,
} from './dto/case-response.dto';
import { CaseEventResponseDto, toCaseEventResponse } from './dto/step-response.dto';
import { CasesService } from './cases.service';
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
  @ApiCreatedResponse({ type: CaseDetailResponseDto })
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateCaseDto): Promise<CaseDetailResponseDto> {
    return toCaseDetailResponse(await this.cases.open(user, body));
  }

  @Get()
  @ApiOperation({ summary: '办件列表（按状态、乡镇、模板、部门、关键字筛选，分页）；只含本人可见的办件' })
  @ApiOkResponse({ type: CasePageResponseDto })
  async list(@CurrentUser() user: AuthUser, @Query() query: ListCasesQueryDto): Promise<CasePageResponseDto> {
    const page = await this.cases.list(user, query);
    return { ...page, items: page.items.map(toCaseResponse) };
  }

  @Get(':id')
  @ApiOperation({ summary: '办件详情及全部环节' })
  @ApiOkResponse({ type: CaseDetailResponseDto })
  async get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<CaseDetailResponseDto> {
    return toCaseDetailResponse(await this.cases.get(user, id));
  }

  @Get(':id/events')
  @ApiOperation({ summary: '办件的完整操作记录（谁、何时、从何状态到何状态、说明）' })
  @ApiOkResponse({ type: [CaseEventResponseDto] })
  async events(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<CaseEventResponseDto[]> {
    return (await this.cases.listEvents(user, id)).map(toCaseEventResponse);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: '撤销办件（开办乡镇或管理员），未办结的环节一并撤销' })
  @ApiOkResponse({ type: CaseDetailResponseDto })
  async cancel(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: CancelCaseDto,
  ): Promise<CaseDetailResponseDto> {
    return toCaseDetailResponse(await this.cases.cancel(user, id, body));
  }
}
