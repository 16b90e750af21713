import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthService } from './auth.service';
import { AuthUser } from './auth-user';
import {
  AuthUserResponseDto,
  LoginResponseDto,
  toAuthUserResponse,
  toLoginResponse,
} from './dto/auth-response.dto';
import { LoginDto } from './dto/login.dto';
import { Public } from './public.decorator';
import { CurrentUser } from './roles.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  // Only login is throttled (per client address); the limit is LOGIN_RATE_LIMIT_PER_MINUTE.
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: '登录，返回访问令牌（Bearer）；同一地址每分钟尝试次数有限' })
  @ApiOkResponse({ type: LoginResponseDto })
  async login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    return toLoginResponse(await this.auth.login(body.username, body.password));
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前登录用户' })
  @ApiOkResponse({ type: AuthUserResponseDto })
  me(@CurrentUser() user: AuthUser): AuthUserResponseDto {
    return toAuthUserResponse(user);
  }
}
