import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CookieOptions, Request, Response } from 'express';
import { AuthService } from 'src/auth/auth.service';
import { AuthUser } from 'src/auth/auth-user';
import { LoginDto } from 'src/auth/dto/login.dto';
import { Public } from 'src/auth/public.decorator';
import { CurrentUser } from 'src/auth/roles.decorator';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { AppConfigService } from 'src/config/app-config.service';
import { UserRole } from 'src/users/user-role';
import { assertSameOrigin, sessionCookieOf } from './cookie-session.auth';
import { SESSION_COOKIE } from './session.constants';
import { SessionsService } from './sessions.service';

class SessionUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: UserRole, enumName: 'UserRole' }) role!: UserRole;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) townshipId!: string | null;
  @ApiProperty({ type: String, nullable: true }) county!: string | null;
  @ApiProperty({ description: '姓名' }) displayName!: string;
  @ApiProperty({ type: String, nullable: true, description: '所属部门、乡镇或县' }) unitName!: string | null;
  @ApiProperty({ description: '本单位负责人' }) isLeader!: boolean;
}

export class SessionDto {
  @ApiProperty({ type: SessionUserDto }) user!: SessionUserDto;
  @ApiProperty({ description: '浏览器每次写操作放在请求头 X-CSRF-Token 中' }) csrfToken!: string;
  @ApiProperty({ description: '无操作多少分钟后登录失效' }) idleMinutes!: number;
}

// The browser's sign-in: an httpOnly, SameSite=Strict cookie bound to a server-side session.
// Scripts use POST /api/auth/login and a bearer token instead.
@ApiTags('auth')
@Controller('auth/session')
export class SessionsController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfigService,
  ) {}

  @Public()
  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '网页登录：设置 httpOnly 会话 Cookie，返回 CSRF 令牌；无操作超时或退出后失效' })
  @ApiOkResponse({ type: SessionDto })
  async start(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionDto> {
    assertSameOrigin(request);
    const { user } = await this.auth.login(body.username, body.password, request.ip ?? 'unknown');
    const started = await this.sessions.start(user.id);
    response.cookie(SESSION_COOKIE, started.token, this.cookieOptions(request));
    return this.describe(user, started.csrfToken);
  }

  @Get()
  @ApiOperation({ summary: '当前网页会话（页面刷新后取回 CSRF 令牌）' })
  @ApiOkResponse({ type: SessionDto })
  async current(@CurrentUser() user: AuthUser, @Req() request: Request): Promise<SessionDto> {
    const token = sessionCookieOf(request);
    const session = token ? await this.sessions.resolve(token) : null;
    if (!session) throw new DomainError(ErrorCode.UNAUTHENTICATED, '未通过网页登录，请重新登录');
    return this.describe(user, session.csrfToken);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: '退出：结束服务器上的会话并清除 Cookie' })
  async end(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = sessionCookieOf(request);
    if (token) await this.sessions.end(token);
    response.clearCookie(SESSION_COOKIE, this.cookieOptions(request));
  }

  private async describe(user: AuthUser, csrfToken: string): Promise<SessionDto> {
    const { id, username, role, departmentId, townshipId, county } = user;
    const names = await this.sessions.describeUser(id);
    return {
      user: { id, username, role, departmentId, townshipId, county, ...names },
      csrfToken,
      idleMinutes: this.config.session.idleMinutes,
    };
  }

  private cookieOptions(request: Request): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' };
  }
}
