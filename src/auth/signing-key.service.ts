import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfigService } from 'src/config/app-config.service';

const SETTING_KEY = 'jwt_signing_key';

// JWT_SECRET when configured; otherwise a random key created once in app_settings. INSERT … ON
// CONFLICT DO NOTHING makes concurrent first starts of several processes agree on one key.
@Injectable()
export class SigningKeyService {
  private key: Promise<string> | undefined;

  constructor(
    private readonly config: AppConfigService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  get(): Promise<string> {
    this.key ??= this.load().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
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
