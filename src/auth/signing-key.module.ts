import { Module } from '@nestjs/common';
import { SigningKeyService } from './signing-key.service';

// Its own module so that JwtModule's factory can be given the key (see AuthModule).
@Module({ providers: [SigningKeyService], exports: [SigningKeyService] })
export class SigningKeyModule {}
