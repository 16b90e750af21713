import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { Request } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  // Failed attempts are limited per address and per account (LoginThrottleService): 429 + Retry-After.
  @ApiOperation({
    summary: '登录，返回访问令牌（Bearer）；同一地址、同一账号的失败次数有限（429 并给出 Retry-After）',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  async login(@Body() body: LoginDto, @Req() request: Request): Promise<LoginResponseDto> {
    return toLoginResponse(await this.auth.login(body.username, body.password, request.ip ?? 'unknown'));
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前登录用户' })
  @ApiOkResponse({ type: AuthUserResponseDto })
  me(@CurrentUser() user: AuthUser): AuthUserResponseDto {
    return toAuthUserResponse(user);
  }
}
