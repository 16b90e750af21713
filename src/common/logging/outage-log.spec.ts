import { OutageLog } from './outage-log';

describe(OutageLog.name, () => {
  let now: number;
  let lines: string[];
  let sut: OutageLog;

  beforeEach(() => {
    now = 0;
    lines = [];
    sut = new OutageLog(
      'Redis',
      { warn: (m) => lines.push(`warn ${m}`), log: (m) => lines.push(`log ${m}`) },
      60_000,
      () => now,
    );
  });

  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6391'), { code: 'ECONNREFUSED' });

  it('should log one line when the outage starts and one when it ends, whatever fails in between', () => {
    for (let i = 0; i < 180; i++) {
      now = i * 250;
      sut.failed(refused);
    }
    now = 45_000;
    sut.recovered();
    sut.recovered();
    expect(lines).toEqual([
      'warn Redis 不可用（connect ECONNREFUSED 127.0.0.1:6391）；恢复前不再逐条记录连接错误',
      'log Redis 已恢复（中断 45 秒，期间 180 次失败）',
    ]);
  });

  it('should remind at most once per interval while the outage lasts', () => {
    for (let i = 0; i <= 300; i++) {
      now = i * 1_000;
      sut.failed(refused);
    }
    const reminders = lines.filter((line) => line.includes('仍不可用'));
    expect(reminders).toEqual([
      'warn Redis 仍不可用：已 60 秒，期间 61 次失败（connect ECONNREFUSED 127.0.0.1:6391）',
      'warn Redis 仍不可用：已 120 秒，期间 121 次失败（connect ECONNREFUSED 127.0.0.1:6391）',
      'warn Redis 仍不可用：已 180 秒，期间 181 次失败（connect ECONNREFUSED 127.0.0.1:6391）',
      'warn Redis 仍不可用：已 240 秒，期间 241 次失败（connect ECONNREFUSED 127.0.0.1:6391）',
      'warn Redis 仍不可用：已 300 秒，期间 301 次失败（connect ECONNREFUSED 127.0.0.1:6391）',
    ]);
  });

  it('should log nothing on recovery when nothing had failed', () => {
    sut.recovered();
    expect(lines).toEqual([]);
  });
});
