import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { UsersModule } from 'src/users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { CookieSessionAuth } from './sessions/cookie-session.auth';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';
import { LoginThrottleService } from './login-throttle.service';
import { SigningKeyService } from './signing-key.service';

@Module({
  imports: [UsersModule, JwtModule.register({})],
  controllers: [AuthController, SessionsController],
  providers: [
    AuthService,
    SigningKeyService,
    LoginThrottleService,
    SessionsRepository,
    SessionsService,
    CookieSessionAuth,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
