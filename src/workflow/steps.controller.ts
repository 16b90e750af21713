import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
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
  ChangeDueDaysDto,
  CommentDto,
  CompleteStepDto,
  ReassignStepDto,
  ReturnStepDto,
  SkipStepDto,
  UrgeStepDto,
} from './dto/step.dto';
import {
  CaseEventResponseDto,
  StepResponseDto,
  toCaseEventResponse,
  toStepResponse,
} from './dto/step-response.dto';
import { StepCommentsService } from './step-comments.service';
import { StepOversightService } from './step-oversight.service';
import { StepProgressService } from './step-progress.service';
import { StepReturnService } from './step-return.service';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: '重复提交同一键时返回首次结果，不重复办理',
};

@ApiTags('steps')
@ApiBearerAuth()
@ApiHeader(IDEMPOTENCY_HEADER)
@Controller('steps')
export class StepsController {
  constructor(
    private readonly progress: StepProgressService,
    private readonly returns: StepReturnService,
    private readonly oversight: StepOversightService,
    private readonly comments: StepCommentsService,
  ) {}

  @Post(':id/claim')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '认领环节（本单位人员），状态改为办理中' })
  @ApiOkResponse({ type: StepResponseDto })
  async claim(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<StepResponseDto> {
    return toStepResponse(await this.progress.claim(user, id));
  }

  @Post(':id/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '办结环节；后续环节在前序全部办结后自动待办' })
  @ApiOkResponse({ type: StepResponseDto })
  async complete(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: CompleteStepDto,
  ): Promise<StepResponseDto> {
    return toStepResponse(await this.progress.complete(user, id, body.note));
  }

  @Post(':id/return')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '退回：目标环节重新待办并重新计时，其后已开始的环节回到未开始' })
  @ApiOkResponse({ type: StepResponseDto })
  async sendBack(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: ReturnStepDto,
  ): Promise<StepResponseDto> {
    return toStepResponse(await this.returns.sendBack(user, id, body));
  }

  @Post(':id/skip')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '跳过可选环节' })
  @ApiOkResponse({ type: StepResponseDto })
  async skip(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: SkipStepDto,
  ): Promise<StepResponseDto> {
    return toStepResponse(await this.progress.skip(user, id, body.reason));
  }

  @Post(':id/reassign')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '转办给同县另一部门（督办人员），重新计时' })
  @ApiOkResponse({ type: StepResponseDto })
  async reassign(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: ReassignStepDto,
  ): Promise<StepResponseDto> {
    return toStepResponse(await this.oversight.reassign(user, id, body));
  }

  @Post(':id/urge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '催办（督办人员）：记录并通知承办单位' })
  @ApiOkResponse({ type: StepResponseDto })
  async urge(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: UrgeStepDto,
  ): Promise<StepResponseDto> {
    return toStepResponse(await this.oversight.urge(user, id, body));
  }

  @Post(':id/due-days')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '调整环节办理期限（督办人员），按工作日从开始计时时重新计算' })
  @ApiOkResponse({ type: StepResponseDto })
  async changeDueDays(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: ChangeDueDaysDto,
  ): Promise<StepResponseDto> {
    return toStepResponse(await this.oversight.changeDueDays(user, id, body));
  }

  @Post(':id/comments')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: '在环节上留言（可见该办件的人员）' })
  @ApiCreatedResponse({ type: StepResponseDto })
  async comment(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: CommentDto,
  ): Promise<StepResponseDto> {
    return toStepResponse(await this.comments.comment(user, id, body));
  }

  @Get(':id/comments')
  @ApiOperation({ summary: '环节留言' })
  @ApiOkResponse({ type: [CaseEventResponseDto] })
  async listComments(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
  ): Promise<CaseEventResponseDto[]> {
    return (await this.comments.list(user, id)).map(toCaseEventResponse);
  }
}
