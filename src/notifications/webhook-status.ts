// notifications."webhookStatus": null = the unit had no webhook when the notification was created.
export enum WebhookStatus {
  Pending = 'pending',
  Delivered = 'delivered',
  Failed = 'failed',
}
