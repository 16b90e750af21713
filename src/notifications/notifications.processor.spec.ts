import { Job } from 'bullmq';
import { JobName, NotificationsJobName } from 'src/queue/queue.constants';
import { NotificationsProcessor } from './notifications.processor';
import { NotificationsService } from './notifications.service';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { WebhookDeliveryService } from './webhook-delivery.service';

const fakeJob = (
  name: string,
  data: unknown,
  attempts = { made: 0, max: 5 },
): Job<unknown, never, NotificationsJobName> =>
  ({
    id: 'job-1',
    name,
    data,
    attemptsMade: attempts.made,
    opts: { attempts: attempts.max },
  }) as unknown as Job<unknown, never, NotificationsJobName>;

describe(NotificationsProcessor.name, () => {
  let sut: NotificationsProcessor;
  let dispatcher: { dispatchPending: jest.Mock; redispatchLost: jest.Mock };
  let notifications: { notifyUnits: jest.Mock };
  let webhooks: { deliver: jest.Mock };

  beforeEach(() => {
    dispatcher = {
      dispatchPending: jest.fn().mockResolvedValue(3),
      redispatchLost: jest.fn().mockResolvedValue(1),
    };
    notifications = { notifyUnits: jest.fn().mockResolvedValue({ created: 2, webhooksQueued: 1 }) };
    webhooks = { deliver: jest.fn().mockResolvedValue('delivered') };
    sut = new NotificationsProcessor(
      dispatcher as unknown as OutboxDispatcher,
      notifications as unknown as NotificationsService,
      webhooks as unknown as WebhookDeliveryService,
    );
  });

  it('should run the outbox sweep for DispatchOutbox, including rows whose job was lost', async () => {
    await expect(sut.process(fakeJob(JobName.DispatchOutbox, {}))).resolves.toEqual({
      dispatched: 3,
      requeued: 1,
    });
    expect(dispatcher.dispatchPending).toHaveBeenCalledTimes(1);
    expect(dispatcher.redispatchLost).toHaveBeenCalledTimes(1);
    expect(notifications.notifyUnits).not.toHaveBeenCalled();
  });

  it('should notify the units of the outbox event for NotifyUnits', async () => {
    await expect(sut.process(fakeJob(JobName.NotifyUnits, { outboxId: 'o-1' }))).resolves.toEqual({
      created: 2,
      webhooksQueued: 1,
    });
    expect(notifications.notifyUnits).toHaveBeenCalledWith('o-1');
  });

  it('should deliver the webhook and say whether this is the last attempt', async () => {
    await sut.process(fakeJob(JobName.DeliverWebhook, { notificationId: 'n-1' }, { made: 0, max: 5 }));
    await sut.process(fakeJob(JobName.DeliverWebhook, { notificationId: 'n-1' }, { made: 3, max: 5 }));
    await sut.process(fakeJob(JobName.DeliverWebhook, { notificationId: 'n-1' }, { made: 4, max: 5 }));
    expect(webhooks.deliver.mock.calls).toEqual([
      ['n-1', { finalAttempt: false }],
      ['n-1', { finalAttempt: false }],
      ['n-1', { finalAttempt: true }],
    ]);
  });

  it('should let a failed delivery throw so BullMQ retries it', async () => {
    webhooks.deliver.mockRejectedValue(new Error('HTTP 500'));
    await expect(sut.process(fakeJob(JobName.DeliverWebhook, { notificationId: 'n-1' }))).rejects.toThrow(
      'HTTP 500',
    );
  });

  it('should reject a payload without its id', async () => {
    await expect(sut.process(fakeJob(JobName.NotifyUnits, {}))).rejects.toThrow('missing outboxId');
    await expect(sut.process(fakeJob(JobName.DeliverWebhook, { notificationId: 7 }))).rejects.toThrow(
      'missing notificationId',
    );
    expect(notifications.notifyUnits).not.toHaveBeenCalled();
    expect(webhooks.deliver).not.toHaveBeenCalled();
  });

  it('should fail a job whose name this queue does not handle', async () => {
    await expect(sut.process(fakeJob(JobName.ImportDutyList, { importId: 'i-1' }))).rejects.toThrow(
      'unknown job name import-duty-list',
    );
  });
});
