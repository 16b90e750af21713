import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from 'src/common/clock/clock';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { AppConfigService } from 'src/config/app-config.service';

interface Counter {
  key: string;
  limit: number;
  windowSeconds: number;
}

// Login limits kept in PostgreSQL, so every API process counts the same failures:
// - per client address: LOGIN_RATE_LIMIT_PER_MINUTE failures a minute (password spraying);
// - per account: LOGIN_ACCOUNT_FAILURE_LIMIT failures in LOGIN_LOCK_MINUTES (guessing one password);
// - an account signing in from an address it has signed in from before (trusted) is counted on its
//   own (account, address) counter instead, so an attacker on the same office network or one who
//   hammers the account elsewhere does not lock the real owner out.
// A throttled attempt is refused before the password is checked (429 with Retry-After).
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {}

  // Throws 429 when a counter that applies is exhausted; returns the counters to bump on failure.
  async check(username: string, address: string): Promise<Counter[]> {
    const name = username.toLowerCase();
    const trusted = await this.isTrusted(name, address);
    const limits = this.config.auth;
    const addressCounter: Counter = {
      key: `address:${address}`,
      limit: limits.loginRatePerMinute,
      windowSeconds: 60,
    };
    const accountCounter: Counter = trusted
      ? {
          key: `trusted:${name}|${address}`,
          limit: limits.accountFailureLimit,
          windowSeconds: limits.lockSeconds,
        }
      : { key: `account:${name}`, limit: limits.accountFailureLimit, windowSeconds: limits.lockSeconds };
    const applying = trusted ? [accountCounter] : [addressCounter, accountCounter];
    const retryAfter = await this.retryAfterSeconds(applying);
    if (retryAfter > 0) {
      const what = applying.length === 1 || retryAfter > 60 ? '该账号' : '该地址';
      throw new DomainError(
        ErrorCode.LOGIN_THROTTLED,
        `${what}登录失败次数过多，请 ${formatWait(retryAfter)}后再试`,
        { retryAfterSeconds: retryAfter },
      );
    }
    return [addressCounter, accountCounter];
  }

  async recordFailure(counters: Counter[]): Promise<void> {
    const now = this.clock.now();
    for (const counter of counters) {
      await this.dataSource.query(
        `INSERT INTO login_throttles (key, failures, "windowStartedAt") VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_throttles."windowStartedAt" + make_interval(secs => $3) <= $2
                           THEN 1 ELSE login_throttles.failures + 1 END,
           "windowStartedAt" = CASE WHEN login_throttles."windowStartedAt" + make_interval(secs => $3) <= $2
                                    THEN $2 ELSE login_throttles."windowStartedAt" END`,
        [counter.key, now, counter.windowSeconds],
      );
    }
  }

  // A successful sign-in clears the account's counters and trusts the address for this account.
  async recordSuccess(username: string, address: string): Promise<void> {
    const name = username.toLowerCase();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM login_throttles WHERE key = ANY($1)`, [
        [`account:${name}`, `trusted:${name}|${address}`],
      ]);
      await manager.query(
        `INSERT INTO trusted_logins (username, address, "lastLoginAt") VALUES ($1, $2, $3)
         ON CONFLICT (username, address) DO UPDATE SET "lastLoginAt" = EXCLUDED."lastLoginAt"`,
        [name, address, this.clock.now()],
      );
    });
  }

  private async isTrusted(username: string, address: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM trusted_logins WHERE username = $1 AND address = $2`,
      [username, address],
    );
    return rows.length > 0;
  }

  private async retryAfterSeconds(counters: Counter[]): Promise<number> {
    const rows: { key: string; failures: number; windowStartedAt: Date }[] = await this.dataSource.query(
      `SELECT key, failures, "windowStartedAt" FROM login_throttles WHERE key = ANY($1)`,
      [counters.map((counter) => counter.key)],
    );
    const now = this.clock.now().getTime();
    let wait = 0;
    for (const row of rows) {
      const counter = counters.find((c) => c.key === row.key) as Counter;
      const endsAt = new Date(row.windowStartedAt).getTime() + counter.windowSeconds * 1000;
      if (row.failures >= counter.limit && endsAt > now)
        wait = Math.max(wait, Math.ceil((endsAt - now) / 1000));
    }
    return wait;
  }
}

function formatWait(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}
