import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/roles.decorator';
import { ChangeOwnPasswordDto, toUserResponse, UserResponseDto } from 'src/users/dto/user.dto';
import { UsersService } from 'src/users/users.service';

// What every signed-in user does for themselves (修改密码).
@ApiTags('account')
@ApiBearerAuth()
@Controller('account')
export class AccountController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: '我的账号（姓名、单位、电话、是否负责人）' })
  @ApiOkResponse({ type: UserResponseDto })
  async get(@CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return toUserResponse(await this.users.get(user.id));
  }

  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: '修改本人密码（须提供原密码）；其他设备上的登录随即失效，请重新登录' })
  @ApiNoContentResponse({ description: '已修改' })
  async changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangeOwnPasswordDto): Promise<void> {
    await this.users.changeOwnPassword(user.id, body.oldPassword, body.newPassword);
  }
}
