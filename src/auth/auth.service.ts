import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { compare, hash } from 'bcryptjs';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { AppConfigService } from 'src/config/app-config.service';
import { UsersRepository } from 'src/users/users.repository';
import { AuthUser, TokenClaims } from './auth-user';

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
  ) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const user = await this.users.findWithHash(username);
    const matches = await compare(password, user?.passwordHash ?? (await timingDummy()));
    if (!user || !matches || !user.active) {
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, '用户名或密码错误');
    }
    const expiresIn = this.config.auth.tokenTtlSeconds;
    const claims: TokenClaims = { sub: user.id, role: user.role };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    const { passwordHash: _hash, active: _active, ...authUser } = user;
    return { accessToken, tokenType: 'Bearer', expiresIn, user: authUser };
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
    return this.authenticateUserId(claims.sub);
  }

  // Also the browser session's path (src/auth/sessions): the user row decides, as above.
  async authenticateUserId(userId: string): Promise<AuthUser> {
    const user = await this.users.findById(userId);
    if (!user?.active) throw new DomainError(ErrorCode.UNAUTHENTICATED, '账号不存在或已停用，请联系管理员');
    const { active: _active, displayName: _name, ...authUser } = user;
    return authUser;
  }
}
