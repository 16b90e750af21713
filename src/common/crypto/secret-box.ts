import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { AppConfigService } from 'src/config/app-config.service';

const PREFIX = 'enc:v1:';

// Secrets the server must read back (webhook signing keys) are kept encrypted at rest with
// AES-256-GCM under WEBHOOK_SECRET_KEY; a database dump alone does not reveal them. Values written
// before encryption existed (no prefix) are still read, and are encrypted when next saved.
@Injectable()
export class SecretBox {
  private readonly key: Buffer | null;

  constructor(config: AppConfigService) {
    const configured = config.webhooks.secretKey;
    this.key = configured ? createHash('sha256').update(configured, 'utf8').digest() : null;
  }

  seal(plain: string): string {
    if (!this.key) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        '服务器未配置 WEBHOOK_SECRET_KEY，不能保存签名密钥（secret）；请管理员配置后重试，或不设置签名密钥',
        { field: 'secret' },
      );
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
  }

  open(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    if (!this.key) throw new Error('WEBHOOK_SECRET_KEY is not configured; cannot decrypt a stored secret');
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
