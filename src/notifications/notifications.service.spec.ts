import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AuthUser } from 'src/auth/auth-user';
import { Clock } from 'src/common/clock/clock';
import { ErrorCode } from 'src/common/errors/error-codes';
import { JobName } from 'src/queue/queue.constants';
import { UserRole } from 'src/users/user-role';
import { NotificationsRepository } from './notifications.repository';
import { inboxUnitOf, NotificationsService } from './notifications.service';
import { OutboxDispatchRepository, OutboxRow } from './outbox-dispatch.repository';
import { OutboxEventType } from './outbox-event';

const DEPT = '44444444-4444-4444-8444-444444444444';
const TOWN = '55555555-5555-4555-8555-555555555555';

const user = (overrides: Partial<AuthUser>): AuthUser => ({
  id: 'u-1',
  username: 'clerk',
  role: UserRole.DepartmentStaff,
  departmentId: null,
  townshipId: null,
  county: null,
  ...overrides,
});

const outboxRow: OutboxRow = {
  id: 'o-1',
  type: OutboxEventType.StepReady,
  payload: {
    caseId: 'c-1',
    stepId: 's-1',
    caseTitle: '残疾人证管理 · 张三',
    stepText: '审核申请材料',
    units: [
      { kind: 'department', id: DEPT },
      { kind: 'township', id: TOWN },
      { kind: 'county', id: '奇台县' },
      { kind: 'region', id: DEPT } as never,
      { kind: 'county', id: '' },
      { kind: 'department', id: 'not-a-uuid' },
    ],
    dueDate: '2025-10-10',
  },
  createdAt: new Date(),
  dispatchedAt: new Date(),
};

describe(NotificationsService.name, () => {
  let sut: NotificationsService;
  let repository: Record<string, jest.Mock>;
  let outbox: Record<string, jest.Mock>;
  let queue: { addBulk: jest.Mock };
  const jobOptions = { attempts: 5, backoff: { type: 'exponential', delay: 5000 } };

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    repository = {
      insertForUnits: jest.fn().mockResolvedValue(2),
      findPendingWebhookIds: jest.fn().mockResolvedValue(['n-1']),
    };
    outbox = { findById: jest.fn().mockResolvedValue(outboxRow) };
    queue = { addBulk: jest.fn() };
    sut = new NotificationsService(
      repository as unknown as NotificationsRepository,
      outbox as unknown as OutboxDispatchRepository,
      new Clock(),
      queue as unknown as Queue,
      jobOptions,
    );
  });

  afterEach(() => jest.restoreAllMocks());

  describe('notifyUnits', () => {
    it('should insert for the well-formed units only, with the Chinese text', async () => {
      await sut.notifyUnits('o-1');
      expect(repository.insertForUnits).toHaveBeenCalledWith(
        outboxRow,
        [
          { kind: 'department', id: DEPT },
          { kind: 'township', id: TOWN },
          { kind: 'county', id: '奇台县' },
        ],
        { title: '「残疾人证管理 · 张三」有新环节待办理', body: '环节：审核申请材料\n办理期限：2025-10-10' },
      );
    });

    it('should queue each pending webhook with a deterministic job id and the webhook retry options', async () => {
      await expect(sut.notifyUnits('o-1')).resolves.toEqual({ created: 2, webhooksQueued: 1 });
      expect(queue.addBulk).toHaveBeenCalledWith([
        {
          name: JobName.DeliverWebhook,
          data: { notificationId: 'n-1' },
          opts: { ...jobOptions, jobId: 'webhook-n-1' },
        },
      ]);
    });

    it('should do nothing for an outbox event that no longer exists', async () => {
      outbox.findById.mockResolvedValue(null);
      await expect(sut.notifyUnits('o-1')).resolves.toEqual({ created: 0, webhooksQueued: 0 });
      expect(repository.insertForUnits).not.toHaveBeenCalled();
      expect(queue.addBulk).not.toHaveBeenCalled();
    });
  });

  describe(inboxUnitOf.name, () => {
    it('should give department staff their department and township staff their township', () => {
      expect(inboxUnitOf(user({ departmentId: DEPT }))).toEqual({ kind: 'department', id: DEPT });
      expect(inboxUnitOf(user({ role: UserRole.TownshipStaff, townshipId: TOWN }))).toEqual({
        kind: 'township',
        id: TOWN,
      });
    });

    it("should give a supervisor their county's inbox (escalations and digests)", () => {
      expect(inboxUnitOf(user({ role: UserRole.Supervisor, county: '奇台县' }))).toEqual({
        kind: 'county',
        id: '奇台县',
      });
    });

    it('should refuse an admin with a 403 (no unit, no inbox)', () => {
      const call = () => inboxUnitOf(user({ role: UserRole.Admin }));
      expect(call).toThrow(/系统管理员没有收件箱/);
      expect(call).toThrow(expect.objectContaining({ code: ErrorCode.FORBIDDEN }));
    });

    it('should refuse accounts that belong to no unit', () => {
      expect(() => inboxUnitOf(user({ role: UserRole.TownshipStaff }))).toThrow(/未关联/);
      expect(() => inboxUnitOf(user({ role: UserRole.Supervisor }))).toThrow(/未关联/);
    });
  });
});
