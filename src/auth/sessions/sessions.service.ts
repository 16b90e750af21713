import { Injectable } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Clock } from 'src/common/clock/clock';
import { sha256 } from 'src/common/hash';
import { AppConfigService } from 'src/config/app-config.service';
import { SESSION_TOUCH_INTERVAL_MS } from './session.constants';
import { LiveSession, SessionsRepository, UserDescription } from './sessions.repository';

export interface StartedSession {
  token: string;
  csrfToken: string;
}

// Browser sign-ins kept on the server, so 退出 and inactivity really end them (a JWT cannot be
// recalled). Scripts keep using bearer tokens.
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly clock: Clock,
    private readonly config: AppConfigService,
  ) {}

  async start(userId: string): Promise<StartedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.sessions.insert({ tokenHash: sha256(token), userId, csrfToken, now: this.clock.now() });
    return { token, csrfToken };
  }

  resolve(token: string): Promise<LiveSession | null> {
    const now = this.clock.now().getTime();
    const { idleMinutes, maxHours } = this.config.session;
    return this.sessions.findLiveAndTouch(sha256(token), {
      now: new Date(now),
      idleSince: new Date(now - idleMinutes * 60_000),
      startedSince: new Date(now - maxHours * 3_600_000),
      touchBefore: new Date(now - SESSION_TOUCH_INTERVAL_MS),
    });
  }

  describeUser(userId: string): Promise<UserDescription> {
    return this.sessions.describeUser(userId);
  }

  end(token: string): Promise<void> {
    return this.sessions.end(sha256(token), this.clock.now());
  }
}

export function sameSecret(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
