import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { UsersModule } from 'src/users/users.module';
import { AccountController } from './account.controller';
import { AuthController } from './auth.controller';
import { UsersController } from './users-admin.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { CookieSessionAuth } from './sessions/cookie-session.auth';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';
import { LoginThrottleService } from './login-throttle.service';
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
  ],
  controllers: [AuthController, SessionsController, UsersController, AccountController],
  providers: [
    AuthService,
    LoginThrottleService,
    SessionsRepository,
    SessionsService,
    CookieSessionAuth,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
