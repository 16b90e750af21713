import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser, Roles } from 'src/auth/roles.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import {
  CreateUserDto,
  ListUsersQueryDto,
  ResetPasswordDto,
  SetLeaderDto,
  toUserResponse,
  UnitAssignmentDto,
  UpdateUserDto,
  UserPageDto,
  UserResponseDto,
} from 'src/users/dto/user.dto';
import { UserRole } from 'src/users/user-role';
import { UsersService } from 'src/users/users.service';

// User management (用户管理), admins only.
@ApiTags('users')
@ApiBearerAuth()
@Roles(UserRole.Admin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: '用户列表（按关键字、角色、单位、县、启用状态筛选）' })
  @ApiOkResponse({ type: UserPageDto })
  async list(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    const { rows, total } = await this.users.list({
      q: query.q?.trim() || undefined,
      role: query.role,
      departmentId: query.department,
      townshipId: query.township,
      county: query.county,
      active: query.active,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(toUserResponse), total, page: query.page, pageSize: query.pageSize };
  }

  @Post()
  @ApiOperation({ summary: '新建用户（一个单位可有多名工作人员与负责人）' })
  @ApiOkResponse({ type: UserResponseDto })
  async create(@Body() body: CreateUserDto): Promise<UserResponseDto> {
    const created = await this.users.create(body);
    return toUserResponse(await this.users.get(created.id));
  }

  @Get(':id')
  @ApiOperation({ summary: '用户详情' })
  @ApiOkResponse({ type: UserResponseDto })
  async get(@UuidParam() id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.users.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改姓名、联系电话' })
  @ApiOkResponse({ type: UserResponseDto })
  async update(@UuidParam() id: string, @Body() body: UpdateUserDto): Promise<UserResponseDto> {
    return toUserResponse(await this.users.updateProfile(id, body.displayName, body.phone));
  }

  @Post(':id/disable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '停用：不能再登录，已签发的令牌立即失效' })
  @ApiOkResponse({ type: UserResponseDto })
  async disable(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.users.setActive(actor, id, false));
  }

  @Post(':id/enable')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '重新启用' })
  @ApiOkResponse({ type: UserResponseDto })
  async enable(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.users.setActive(actor, id, true));
  }

  @Post(':id/reset-password')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '重置密码；该用户已签发的令牌立即失效' })
  @ApiOkResponse({ type: UserResponseDto })
  async resetPassword(@UuidParam() id: string, @Body() body: ResetPasswordDto): Promise<UserResponseDto> {
    return toUserResponse(await this.users.resetPassword(id, body.password));
  }

  @Post(':id/move')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '调到另一单位（可同时改角色）；负责人身份不随调动保留，已签发的令牌失效' })
  @ApiOkResponse({ type: UserResponseDto })
  async move(@UuidParam() id: string, @Body() body: UnitAssignmentDto): Promise<UserResponseDto> {
    return toUserResponse(await this.users.move(id, body));
  }

  @Post(':id/leader')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '设为或取消本单位负责人' })
  @ApiOkResponse({ type: UserResponseDto })
  async setLeader(@UuidParam() id: string, @Body() body: SetLeaderDto): Promise<UserResponseDto> {
    return toUserResponse(await this.users.setLeader(id, body.isLeader));
  }
}
