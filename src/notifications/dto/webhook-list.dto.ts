import { ApiProperty } from '@nestjs/swagger';
import { NotificationWebhookDto } from 'src/notifications/dto/notification-response.dto';
import { UNIT_KINDS, UnitKind } from 'src/notifications/unit-kind';
import { UnitWebhookListRow } from 'src/notifications/unit-webhooks.repository';

// The same delivery fields as a notification's, plus when that notification was made.
export class WebhookLastDeliveryDto extends NotificationWebhookDto {
  @ApiProperty({ description: '这条通知产生的时间' })
  notifiedAt!: Date;
}

export class WebhookListItemDto {
  @ApiProperty({ enum: UNIT_KINDS })
  unitKind!: UnitKind;

  @ApiProperty({ description: '县直部门或乡镇的 ID（UUID）；县则为县名称' })
  unitId!: string;

  @ApiProperty({ description: '单位名称', example: '奇台县残联' })
  unitName!: string;

  @ApiProperty({ example: '奇台县' })
  county!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ description: '是否设置了签名密钥（密钥本身从不返回）' })
  hasSecret!: boolean;

  @ApiProperty()
  updatedAt!: Date;

  @ApiProperty({
    type: WebhookLastDeliveryDto,
    nullable: true,
    description: '该单位最近一条通知的推送情况；还没有推送过为 null',
  })
  lastDelivery!: WebhookLastDeliveryDto | null;
}

export function toWebhookListItem(row: UnitWebhookListRow): WebhookListItemDto {
  return {
    unitKind: row.unitKind,
    unitId: row.unitId,
    unitName: row.unitName,
    county: row.county,
    url: row.url,
    hasSecret: row.hasSecret,
    updatedAt: row.updatedAt,
    lastDelivery:
      row.lastStatus && row.lastNotifiedAt
        ? {
            status: row.lastStatus,
            attempts: row.lastAttempts ?? 0,
            lastError: row.lastError,
            notifiedAt: row.lastNotifiedAt,
            deliveredAt: row.lastDeliveredAt,
          }
        : null,
  };
}
