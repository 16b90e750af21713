import { Injectable } from '@nestjs/common';
import { Request } from 'express';
import { AuthService } from 'src/auth/auth.service';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { CSRF_HEADER, SESSION_COOKIE } from './session.constants';
import { sameSecret, SessionsService } from './sessions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionCookieOf(request: Request): string | undefined {
  const cookies = request.cookies as Record<string, string | undefined> | undefined;
  return cookies?.[SESSION_COOKIE];
}

// A write from another site must not ride on the browser's cookie: the Origin (when sent) must be
// this host, and the request must carry the session's CSRF token, which only the app can read.
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (host !== request.headers.host)
    throw new DomainError(ErrorCode.FORBIDDEN, '跨站请求被拒绝：请从本系统页面操作');
}

// The cookie path of AuthGuard: the live session's user, with CSRF checks on writes.
@Injectable()
export class CookieSessionAuth {
  constructor(
    private readonly sessions: SessionsService,
    private readonly auth: AuthService,
  ) {}

  async authenticate(request: Request): Promise<AuthUser | null> {
    const token = sessionCookieOf(request);
    if (!token) return null;
    const session = await this.sessions.resolve(token);
    if (!session) throw new DomainError(ErrorCode.UNAUTHENTICATED, '登录已超时或已退出，请重新登录');
    if (!SAFE_METHODS.has(request.method)) {
      assertSameOrigin(request);
      if (!sameSecret(session.csrfToken, request.header(CSRF_HEADER)))
        throw new DomainError(
          ErrorCode.FORBIDDEN,
          '跨站请求被拒绝：缺少或错误的 CSRF 令牌，请刷新页面后重试',
        );
    }
    return this.auth.authenticateUserId(session.userId);
  }
}
