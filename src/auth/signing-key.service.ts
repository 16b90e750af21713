import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfigService } from 'src/config/app-config.service';

const SETTING_KEY = 'jwt_signing_key';

// The one algorithm tokens are signed and verified with.
export const JWT_ALGORITHM = 'HS256';

// JWT_SECRET when configured; otherwise a random key created once in app_settings. INSERT … ON
// CONFLICT DO NOTHING makes concurrent first starts of several processes agree on one key.
// Handed to jsonwebtoken as a ready secret KeyObject: given a string, it first tries to parse it as
// a public key on every verification (createPublicKey throws, then it falls back), which cost about a
// fifth of the API's CPU per request.
@Injectable()
export class SigningKeyService {
  private key: Promise<KeyObject> | undefined;

  constructor(
    private readonly config: AppConfigService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  get(): Promise<KeyObject> {
    this.key ??= this.load().then(
      (secret) => createSecretKey(Buffer.from(secret, 'utf8')),
      (error: unknown) => {
        this.key = undefined;
        throw error;
      },
    );
    return this.key;
  }

  private async load(): Promise<string> {
    const configured = this.config.auth.jwtSecret;
    if (configured) return configured;
    await this.dataSource.query(
      `INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
      [SETTING_KEY, randomBytes(48).toString('base64url')],
    );
    const rows: { value: string }[] = await this.dataSource.query(
      `SELECT value FROM app_settings WHERE key = $1`,
      [SETTING_KEY],
    );
    return rows[0].value;
  }
}
