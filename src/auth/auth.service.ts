import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { compare, hash } from 'bcryptjs';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { AppConfigService } from 'src/config/app-config.service';
import { UsersRepository } from 'src/users/users.repository';
import { AuthUser, TokenClaims, toAuthUser } from './auth-user';
import { LoginThrottleService } from './login-throttle.service';

// Compared against when the username is unknown, so a wrong username costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
const timingDummy = (): Promise<string> => (dummyHash ??= hash(randomBytes(16).toString('hex'), 10));

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: AuthUser;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfigService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const counters = await this.throttle.check(username, address);
    const user = await this.users.findWithHash(username);
    const matches = await compare(password, user?.passwordHash ?? (await timingDummy()));
    if (!user || !matches || !user.active) {
      await this.throttle.recordFailure(counters);
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, '用户名或密码错误');
    }
    await this.throttle.recordSuccess(username, address);
    const expiresIn = this.config.auth.tokenTtlSeconds;
    const claims: TokenClaims = { sub: user.id, role: user.role, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return { accessToken, tokenType: 'Bearer', expiresIn, user: toAuthUser(user) };
  }

  // The token proves who signed in; the user row decides what they may do now (a deactivated
  // user or a changed role takes effect at once, not when the token expires).
  async authenticate(token: string): Promise<AuthUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, '登录已过期或令牌无效，请重新登录');
    }
    const user = await this.authenticateUserId(claims.sub);
    if ((claims.ver ?? 0) !== user.tokenVersion)
      throw new DomainError(ErrorCode.UNAUTHENTICATED, '密码已修改或账号已调整，请重新登录');
    return user;
  }

  // Also the browser session's path (src/auth/sessions): the user row decides, as above.
  async authenticateUserId(userId: string): Promise<AuthUser & { tokenVersion: number }> {
    const user = await this.users.findById(userId);
    if (!user?.active) throw new DomainError(ErrorCode.UNAUTHENTICATED, '账号不存在或已停用，请联系管理员');
    return { ...toAuthUser(user), tokenVersion: user.tokenVersion };
  }
}
