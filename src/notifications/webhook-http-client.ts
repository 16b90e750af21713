import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Injectable, Logger } from '@nestjs/common';
import { WEBHOOK_TIMEOUT_MS } from './notifications.constants';
import { describeHttpFailure, describeNetworkError, describeRefusedTarget } from './webhook-failure';
import { WebhookTargetPolicy } from './webhook-target';

// The one HTTP POST of a webhook delivery.
@Injectable()
export class WebhookHttpClient {
  private readonly logger = new Logger(WebhookHttpClient.name);

  constructor(private readonly targets: WebhookTargetPolicy) {}

  // null on 2xx, otherwise what went wrong. Redirects are not followed (a webhook URL must answer
  // itself), so no redirect can lead to an internal address; every address the name resolves to is
  // checked before connecting. The receiver's answer is never stored: on failure only its status is
  // kept (department staff read lastError); the start of the body goes to the log for operators.
  async post(url: string, body: string, headers: Record<string, string>): Promise<string | null> {
    const target = new URL(url);
    const refused = this.targets.refusalForUrl(target);
    if (refused) return describeRefusedTarget(refused);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const request = send(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          lookup: this.targets.lookup,
          timeout: WEBHOOK_TIMEOUT_MS,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.length < 4 && chunks.push(chunk));
          response.on('end', () => {
            if (status >= 200 && status < 300) return resolve(null);
            const text = Buffer.concat(chunks).toString('utf8').slice(0, 300);
            this.logger.warn(`webhook ${target.host} answered HTTP ${status}: ${text}`);
            resolve(describeHttpFailure(status));
          });
          response.on('error', (error) => resolve(describeNetworkError(error, WEBHOOK_TIMEOUT_MS)));
        },
      );
      request.on('timeout', () =>
        request.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
      );
      request.on('error', (error: NodeJS.ErrnoException) =>
        resolve(
          error.code === 'EWEBHOOKTARGET'
            ? describeRefusedTarget(error.message)
            : describeNetworkError(error, WEBHOOK_TIMEOUT_MS),
        ),
      );
      request.end(body);
    });
  }
}
