import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/roles.decorator';
import { PageQueryDto } from 'src/common/validation/page-query.dto';
import { InboxPageResponseDto, toInboxItemResponse } from './dto/step-response.dto';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inboxes: InboxService) {}

  @Get()
  @ApiOperation({ summary: '待办箱：本部门或本乡镇待办理、办理中的环节，按期限由近到远，附办件与事项信息' })
  @ApiOkResponse({ type: InboxPageResponseDto })
  async inbox(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<InboxPageResponseDto> {
    const page = await this.inboxes.inbox(user, query.page, query.pageSize);
    return { ...page, items: page.items.map(toInboxItemResponse) };
  }
}
