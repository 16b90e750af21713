import { buildNotificationText } from './notification-text';
import { OutboxEventType, StepOutboxPayload } from './outbox-event';
import {
  buildWebhookPayload,
  signWebhookBody,
  webhookHeaders,
  WebhookDeliverySource,
} from './webhook-payload';
import { describeHttpFailure, describeNetworkError } from './webhook-failure';

const source: WebhookDeliverySource = {
  notificationId: '11111111-1111-4111-8111-111111111111',
  type: OutboxEventType.StepReady,
  caseId: '22222222-2222-4222-8222-222222222222',
  stepId: '33333333-3333-4333-8333-333333333333',
  title: '「残疾人证管理 · 张三」有新环节待办理',
  body: '环节：审核申请材料',
  units: [{ kind: 'department', id: '44444444-4444-4444-8444-444444444444' }],
  dueDate: '2025-10-10',
  occurredAt: new Date('2025-09-26T02:00:00.000Z'),
};

describe('webhook payload', () => {
  describe(signWebhookBody.name, () => {
    it('should be the hex HMAC-SHA256 of the exact body, prefixed with sha256=', () => {
      // Expected value computed independently: printf '%s' BODY | openssl dgst -sha256 -hmac SECRET
      expect(signWebhookBody('{"event":"step_ready"}', 'dutyflow-secret-0123')).toBe(
        'sha256=4e9f35b64ee69a8956ec1f98433ebe1d75df32993f71a997172111a207e6ec3d',
      );
    });

    it('should change when one byte of the body changes', () => {
      expect(signWebhookBody('{"a":1}', 'dutyflow-secret-0123')).not.toBe(
        signWebhookBody('{"a":2}', 'dutyflow-secret-0123'),
      );
    });
  });

  describe(buildWebhookPayload.name, () => {
    it('should carry the event, ids, text, units, due date and ISO occurrence time', () => {
      expect(buildWebhookPayload(source)).toEqual({
        event: 'step_ready',
        notificationId: source.notificationId,
        caseId: source.caseId,
        stepId: source.stepId,
        title: source.title,
        body: source.body,
        units: source.units,
        dueDate: '2025-10-10',
        occurredAt: '2025-09-26T02:00:00.000Z',
      });
    });

    it('should serialise to the same bytes every time (retries keep their signature)', () => {
      expect(JSON.stringify(buildWebhookPayload(source))).toBe(
        JSON.stringify(buildWebhookPayload({ ...source })),
      );
    });
  });

  describe(webhookHeaders.name, () => {
    const payload = buildWebhookPayload(source);
    const body = JSON.stringify(payload);

    it('should name the event and the delivery and sign when a secret is set', () => {
      const headers = webhookHeaders(payload, body, 'dutyflow-secret-0123');
      expect(headers).toEqual({
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'dutyflow',
        'X-Dutyflow-Event': 'step_ready',
        'X-Dutyflow-Delivery': source.notificationId,
        'X-Dutyflow-Signature': signWebhookBody(body, 'dutyflow-secret-0123'),
      });
    });

    it('should send no signature header without a secret', () => {
      expect(webhookHeaders(payload, body, null)).not.toHaveProperty('X-Dutyflow-Signature');
    });
  });
});

describe(buildNotificationText.name, () => {
  const payload: StepOutboxPayload = {
    caseId: source.caseId,
    stepId: source.stepId,
    caseTitle: '残疾人证管理 · 张三',
    stepText: '审核申请材料',
    units: source.units,
    dueDate: '2025-10-10',
  };

  it('should title a ready step 「case」有新环节待办理 and list step and deadline in the body', () => {
    expect(buildNotificationText(OutboxEventType.StepReady, payload)).toEqual({
      title: '「残疾人证管理 · 张三」有新环节待办理',
      body: '环节：审核申请材料\n办理期限：2025-10-10',
    });
  });

  it('should say a returned step was returned and include the note', () => {
    const text = buildNotificationText(OutboxEventType.StepReturned, {
      ...payload,
      dueDate: null,
      note: '材料不全',
    });
    expect(text.title).toBe('「残疾人证管理 · 张三」有环节被退回，请重新办理');
    expect(text.body).toBe('环节：审核申请材料\n说明：材料不全');
  });

  it('should state days overdue and the escalation level of an escalation', () => {
    const text = buildNotificationText(OutboxEventType.StepEscalated, {
      ...payload,
      daysOverdue: 3,
      level: 2,
    });
    expect(text.title).toBe('「残疾人证管理 · 张三」有环节逾期未办，已升级督办');
    expect(text.body).toBe('环节：审核申请材料\n办理期限：2025-10-10\n已逾期：3 个工作日\n督办级别：第 2 级');
  });
});

describe('webhook failure text', () => {
  it('should give the status code only, never what the receiver answered', () => {
    expect(describeHttpFailure(500)).toBe('HTTP 500');
  });

  it('should name a timeout and the network cause', () => {
    const timeout = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
    expect(describeNetworkError(timeout, 5000)).toBe('超时：5000 ms 内无响应');
    const refused = new Error('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    expect(describeNetworkError(refused, 5000)).toBe('网络错误：fetch failed (ECONNREFUSED)');
  });
});
