import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName } from 'src/queue/queue.constants';
import { OUTBOX_ENQUEUE_TIMEOUT_MS, OUTBOX_MAX_BATCHES } from './notifications.constants';
import { OutboxDispatchRepository } from './outbox-dispatch.repository';
import { DomainEvents } from 'src/common/events/domain-events';
import { OutboxDispatcher } from './outbox-dispatcher.service';

const NOW = new Date('2025-09-26T03:00:00.000Z');

describe(OutboxDispatcher.name, () => {
  let sut: OutboxDispatcher;
  let outbox: { findUndispatched: jest.Mock; markDispatched: jest.Mock };
  let queue: { addBulk: jest.Mock };
  let events: DomainEvents;

  beforeEach(() => {
    outbox = { findUndispatched: jest.fn().mockResolvedValue([]), markDispatched: jest.fn() };
    queue = { addBulk: jest.fn() };
    events = new DomainEvents();
    sut = new OutboxDispatcher(
      outbox as unknown as OutboxDispatchRepository,
      { now: () => NOW },
      queue as unknown as Queue,
      events,
    );
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
  });

  afterEach(() => jest.restoreAllMocks());

  describe('dispatchPending', () => {
    it('should enqueue NotifyUnits with job id outbox-<id>, then mark the rows dispatched', async () => {
      outbox.findUndispatched.mockResolvedValueOnce(['a', 'b']);

      await expect(sut.dispatchPending(10)).resolves.toBe(2);

      expect(queue.addBulk).toHaveBeenCalledWith([
        { name: JobName.NotifyUnits, data: { outboxId: 'a' }, opts: { jobId: 'outbox-a' } },
        { name: JobName.NotifyUnits, data: { outboxId: 'b' }, opts: { jobId: 'outbox-b' } },
      ]);
      expect(outbox.markDispatched).toHaveBeenCalledWith(['a', 'b'], NOW);
    });

    it('should take batches until one comes back short', async () => {
      outbox.findUndispatched
        .mockResolvedValueOnce(['a', 'b'])
        .mockResolvedValueOnce(['c', 'd'])
        .mockResolvedValueOnce(['e']);

      await expect(sut.dispatchPending(2)).resolves.toBe(5);
      expect(outbox.findUndispatched).toHaveBeenCalledTimes(3);
    });

    it('should stop at the batch cap and leave the rest to the next sweep', async () => {
      outbox.findUndispatched.mockResolvedValue(['x']);

      await expect(sut.dispatchPending(1)).resolves.toBe(OUTBOX_MAX_BATCHES);
      expect(outbox.findUndispatched).toHaveBeenCalledTimes(OUTBOX_MAX_BATCHES);
    });

    it('should not mark rows dispatched when the queue refuses them', async () => {
      outbox.findUndispatched.mockResolvedValueOnce(['a']);
      queue.addBulk.mockRejectedValue(new Error('Redis down'));

      await expect(sut.dispatchPending()).rejects.toThrow('Redis down');
      expect(outbox.markDispatched).not.toHaveBeenCalled();
    });

    it('should give up on a Redis that does not answer and leave the rows undispatched', async () => {
      jest.useFakeTimers();
      try {
        outbox.findUndispatched.mockResolvedValueOnce(['a']);
        queue.addBulk.mockReturnValue(new Promise(() => undefined)); // commands queued for a Redis that is down

        const outcome = sut.dispatchPending().catch((error: unknown) => error);
        await jest.advanceTimersByTimeAsync(OUTBOX_ENQUEUE_TIMEOUT_MS);
        expect(String(await outcome)).toMatch(/timed out after 5000 ms/);
        expect(outbox.markDispatched).not.toHaveBeenCalled();
      } finally {
        jest.useRealTimers();
      }
    });
  });

  describe('kick', () => {
    it("should run on every 'outbox.written' event, and never throw", async () => {
      outbox.findUndispatched.mockRejectedValue(new Error('database down'));
      sut.onModuleInit();

      await expect(events.publish('outbox.written', {})).resolves.toBeUndefined();
      await new Promise((resolve) => setImmediate(resolve));
      expect(outbox.findUndispatched).toHaveBeenCalledTimes(1);
      expect(Logger.prototype.warn).toHaveBeenCalledWith(expect.stringContaining('database down'));
    });

    it('should run one dispatch at a time and once more for kicks that came in meanwhile', async () => {
      let release: (ids: string[]) => void = () => undefined;
      outbox.findUndispatched.mockReturnValueOnce(new Promise((resolve) => (release = resolve)));

      sut.kick();
      sut.kick();
      sut.kick();
      release([]);
      await new Promise((resolve) => setImmediate(resolve));

      expect(outbox.findUndispatched).toHaveBeenCalledTimes(2);
    });
  });
});
