import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from 'src/auth/roles.decorator';
import { UserRole } from 'src/users/user-role';
import { PutWebhookDto, toWebhookResponse, WebhookResponseDto } from './dto/webhook.dto';
import { UNIT_KINDS, UnitKind } from './unit-kind';
import { UnitKindParam } from './unit-kind-param';
import { WebhooksService } from './webhooks.service';

// unitId is a uuid for departments and townships and a name for counties; the service checks which.
@ApiTags('webhooks')
@ApiBearerAuth()
@ApiParam({ name: 'unitKind', enum: UNIT_KINDS })
@ApiParam({ name: 'unitId', description: '县直部门或乡镇的 ID（UUID）；县则为县名称，如 奇台县' })
@Roles(UserRole.Admin)
@Controller('webhooks/:unitKind/:unitId')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({ summary: '查看单位的通知推送地址（仅系统管理员；不返回签名密钥）' })
  @ApiOkResponse({ type: WebhookResponseDto })
  async get(
    @UnitKindParam() unitKind: UnitKind,
    @Param('unitId') unitId: string,
  ): Promise<WebhookResponseDto> {
    return toWebhookResponse(await this.webhooks.get(unitKind, unitId));
  }

  @Put()
  @ApiOperation({ summary: '设置单位的通知推送地址与签名密钥（整体替换；仅系统管理员）' })
  @ApiOkResponse({ type: WebhookResponseDto })
  async put(
    @UnitKindParam() unitKind: UnitKind,
    @Param('unitId') unitId: string,
    @Body() body: PutWebhookDto,
  ): Promise<WebhookResponseDto> {
    return toWebhookResponse(await this.webhooks.put(unitKind, unitId, body));
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: '删除单位的通知推送地址（仅系统管理员）；尚未送达的推送不再发送' })
  @ApiNoContentResponse()
  async remove(@UnitKindParam() unitKind: UnitKind, @Param('unitId') unitId: string): Promise<void> {
    await this.webhooks.remove(unitKind, unitId);
  }
}
