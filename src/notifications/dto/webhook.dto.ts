import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { UNIT_KINDS, UnitKind } from 'src/notifications/unit-kind';
import { UnitWebhookRow } from 'src/notifications/unit-webhooks.repository';
import { WEBHOOK_SECRET_MIN_LENGTH } from 'src/notifications/webhooks.service';

export class PutWebhookDto {
  @ApiProperty({
    description: '接收通知的地址（http 或 https）',
    example: 'https://oa.example.gov.cn/dutyflow/hook',
  })
  @IsString()
  @MaxLength(2000)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: '应为 http:// 或 https:// 开头的网址' },
  )
  url!: string;

  @ApiPropertyOptional({
    description: `签名密钥（至少 ${WEBHOOK_SECRET_MIN_LENGTH} 个字符）。设置后每次推送带 X-Dutyflow-Signature: sha256=<正文的 HMAC-SHA256>；不传则不签名`,
    minLength: WEBHOOK_SECRET_MIN_LENGTH,
  })
  @ValidateIf((body: PutWebhookDto) => body.secret !== undefined) // null is refused, naming `secret`
  @IsString()
  @MinLength(WEBHOOK_SECRET_MIN_LENGTH)
  @MaxLength(200)
  secret?: string;
}

export class WebhookResponseDto {
  @ApiProperty({ enum: UNIT_KINDS })
  unitKind!: UnitKind;

  @ApiProperty({ format: 'uuid' })
  unitId!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ description: '是否设置了签名密钥（密钥本身从不返回）' })
  hasSecret!: boolean;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

export function toWebhookResponse(row: UnitWebhookRow): WebhookResponseDto {
  return {
    unitKind: row.unitKind,
    unitId: row.unitId,
    url: row.url,
    hasSecret: row.secret !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
