import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { UserRole, USER_ROLE_LABELS } from 'src/users/user-role';
import { AuthService } from './auth.service';
import { AuthUser } from './auth-user';
import { IS_PUBLIC_KEY } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';
import { CookieSessionAuth } from './sessions/cookie-session.auth';

// Global: every route needs a bearer token or a browser session cookie unless marked @Public(); @Roles narrows further.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly cookieSession: CookieSessionAuth,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = bearerToken(request);
    const user = token ? await this.auth.authenticate(token) : await this.cookieSession.authenticate(request);
    if (!user)
      throw new DomainError(ErrorCode.UNAUTHENTICATED, '请先登录：请求头缺少 Authorization: Bearer <令牌>');
    request.user = user;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.user.role)) {
      const allowed = roles.map((role) => USER_ROLE_LABELS[role]).join('、');
      throw new DomainError(ErrorCode.FORBIDDEN, `无权执行此操作：仅限${allowed}`);
    }
    return true;
  }
}

function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}
