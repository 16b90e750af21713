import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/roles.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { UrgeDto, UrgeReplyInputDto } from './dto/urge.dto';
import { UrgesService } from './urges.service';

@ApiTags('steps')
@ApiBearerAuth()
@Controller('steps')
export class UrgesController {
  constructor(private readonly urges: UrgesService) {}

  @Get(':id/urges')
  @ApiOperation({ summary: '环节的催办记录及承办单位的反馈' })
  @ApiOkResponse({ type: [UrgeDto] })
  list(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<UrgeDto[]> {
    return this.urges.list(user, id);
  }

  @Post(':id/urge-replies')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '催办反馈（承办单位）：回复最近一次催办，县督办人员收到消息' })
  @ApiOkResponse({ type: [UrgeDto] })
  reply(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: UrgeReplyInputDto,
  ): Promise<UrgeDto[]> {
    return this.urges.reply(user, id, body.note);
  }
}
