import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from 'src/auth/roles.decorator';
import { UserRole } from 'src/users/user-role';
import { toWebhookListItem, WebhookListItemDto } from './dto/webhook-list.dto';
import { WebhooksService } from './webhooks.service';

// Its own controller: WebhooksController's path carries :unitKind/:unitId for every route.
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles(UserRole.Admin)
@Controller('webhooks')
export class WebhookListController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({
    summary: '所有已配置通知推送地址的单位，及各单位最近一次推送的状态（仅系统管理员；不返回签名密钥）',
  })
  @ApiOkResponse({ type: [WebhookListItemDto] })
  async list(): Promise<WebhookListItemDto[]> {
    return (await this.webhooks.list()).map(toWebhookListItem);
  }
}
