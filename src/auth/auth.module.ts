import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfigService } from 'src/config/app-config.service';
import { UsersModule } from 'src/users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { CookieSessionAuth } from './sessions/cookie-session.auth';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';
import { SigningKeyModule } from './signing-key.module';
import { JWT_ALGORITHM, SigningKeyService } from './signing-key.service';

@Module({
  imports: [
    UsersModule,
    SigningKeyModule,
    JwtModule.registerAsync({
      imports: [SigningKeyModule],
      inject: [SigningKeyService],
      useFactory: (keys: SigningKeyService) => ({
        secretOrKeyProvider: () => keys.get(),
        signOptions: { algorithm: JWT_ALGORITHM },
        verifyOptions: { algorithms: [JWT_ALGORITHM] },
      }),
    }),
    // In-memory counters: each API process limits on its own (documented in the README).
    ThrottlerModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => [
        { name: 'login', ttl: 60_000, limit: config.auth.loginRatePerMinute },
      ],
    }),
  ],
  controllers: [AuthController, SessionsController],
  providers: [
    AuthService,
    SessionsRepository,
    SessionsService,
    CookieSessionAuth,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
