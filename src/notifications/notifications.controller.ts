import { Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/roles.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { ListNotificationsQueryDto } from './dto/list-notifications-query.dto';
import {
  NotificationPageDto,
  NotificationResponseDto,
  toNotificationPage,
  toNotificationResponse,
} from './dto/notification-response.dto';
import { NotificationsService } from './notifications.service';

// The unit inbox (department, township, or a supervisor's county). No @Roles: the service answers
// admins with its own 403 message.
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: '本单位的通知（县直部门、乡镇；督办人员为本县），新的在前；系统管理员没有收件箱（403）',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<NotificationPageDto> {
    return toNotificationPage(await this.notifications.listInbox(user, query));
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '标记本单位的一条通知为已读（其他单位的通知返回 404）' })
  @ApiOkResponse({ type: NotificationResponseDto })
  async markRead(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<NotificationResponseDto> {
    return toNotificationResponse(await this.notifications.markRead(user, id));
  }
}
