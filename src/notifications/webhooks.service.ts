import { Injectable } from '@nestjs/common';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { SecretBox } from 'src/common/crypto/secret-box';
import { WebhookTargetPolicy } from './webhook-target';
import { isUnitId, UnitKind, UNIT_KIND_LABELS } from './unit-kind';
import { UnitWebhookListRow, UnitWebhookRow, UnitWebhooksRepository } from './unit-webhooks.repository';

export interface WebhookInput {
  url: string;
  secret?: string;
}

export const WEBHOOK_SECRET_MIN_LENGTH = 16;

const UNIT_NOT_FOUND_CODE: Record<UnitKind, ErrorCode> = {
  department: ErrorCode.DEPARTMENT_NOT_FOUND,
  township: ErrorCode.TOWNSHIP_NOT_FOUND,
  county: ErrorCode.NOT_FOUND,
};

// Admin configuration of the URL each unit's notifications are POSTed to.
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: UnitWebhooksRepository,
    private readonly secrets: SecretBox,
    private readonly targets: WebhookTargetPolicy,
  ) {}

  // Every configured webhook with its unit's latest delivery, for the admins' 用户管理 page.
  list(): Promise<UnitWebhookListRow[]> {
    return this.webhooks.listAll();
  }

  async get(kind: UnitKind, unitId: string): Promise<UnitWebhookRow> {
    await this.ensureUnit(kind, unitId);
    const found = await this.webhooks.find(kind, unitId);
    if (!found) {
      throw new DomainError(ErrorCode.NOT_FOUND, `该${UNIT_KIND_LABELS[kind]}尚未配置 webhook`, {
        field: 'unitId',
      });
    }
    return found;
  }

  // PUT replaces the whole setting: leaving out `secret` means deliveries are not signed.
  async put(kind: UnitKind, unitId: string, input: WebhookInput): Promise<UnitWebhookRow> {
    assertWebhookInput(input);
    // Delivery checks every resolved address again; this refuses the obvious cases at once.
    const refused = this.targets.refusalForUrl(new URL(input.url));
    if (refused)
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `webhook 地址不可用：${refused}`, { field: 'url' });
    await this.ensureUnit(kind, unitId);
    const secret = input.secret === undefined ? null : this.secrets.seal(input.secret);
    return this.webhooks.upsert(kind, unitId, input.url, secret);
  }

  // Idempotent: removing a webhook that is not set is not an error. Deliveries still queued for the
  // unit end 'failed' without a POST.
  async remove(kind: UnitKind, unitId: string): Promise<void> {
    await this.ensureUnit(kind, unitId);
    await this.webhooks.remove(kind, unitId);
  }

  private async ensureUnit(kind: UnitKind, unitId: string): Promise<void> {
    if (!isUnitId(kind, unitId)) {
      const expected = kind === 'county' ? '县名称（如 奇台县）' : '有效的 UUID';
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `请求参数有误：unitId 应为${expected}`, {
        fields: [{ field: 'unitId', problems: [`应为${expected}`] }],
      });
    }
    if (await this.webhooks.unitExists(kind, unitId)) return;
    throw new DomainError(UNIT_NOT_FOUND_CODE[kind], `${UNIT_KIND_LABELS[kind]} ${unitId} 不存在`, {
      field: 'unitId',
    });
  }
}

// The DTO checks the same for HTTP callers; this keeps the rule for any other caller.
function assertWebhookInput(input: WebhookInput): void {
  let protocol = '';
  try {
    protocol = new URL(input.url).protocol;
  } catch {
    // falls through to the error below
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'webhook 地址应为 http:// 或 https:// 开头的网址', {
      field: 'url',
    });
  }
  if (input.secret !== undefined && input.secret.length < WEBHOOK_SECRET_MIN_LENGTH) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `签名密钥至少 ${WEBHOOK_SECRET_MIN_LENGTH} 个字符`, {
      field: 'secret',
    });
  }
}
