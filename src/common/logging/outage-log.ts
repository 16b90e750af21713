// Logs a dependency outage the way an operator wants to read it: one line when the dependency goes
// away, a reminder at most every `reminderMs` while it stays away (with how many failures were
// swallowed), and one line when it is back. Without this, every failed call and every reconnect
// attempt wrote its own stack trace (180 ECONNREFUSED traces in 45 s of a Redis outage).
export interface OutageLogger {
  warn(message: string): void;
  log(message: string): void;
}

export class OutageLog {
  private downSince: number | null = null;
  private lastReminder = 0;
  private failures = 0;

  constructor(
    private readonly dependency: string, // Redis, PostgreSQL
    private readonly logger: OutageLogger,
    private readonly reminderMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get isDown(): boolean {
    return this.downSince !== null;
  }

  failed(error: unknown): void {
    const at = this.now();
    this.failures += 1;
    if (this.downSince === null) {
      this.downSince = at;
      this.lastReminder = at;
      this.failures = 1;
      this.logger.warn(`${this.dependency} 不可用（${describe(error)}）；恢复前不再逐条记录连接错误`);
      return;
    }
    if (at - this.lastReminder >= this.reminderMs) {
      this.lastReminder = at;
      this.logger.warn(
        `${this.dependency} 仍不可用：已 ${seconds(at - this.downSince)} 秒，期间 ${this.failures} 次失败（${describe(error)}）`,
      );
    }
  }

  recovered(): void {
    if (this.downSince === null) return;
    const lasted = seconds(this.now() - this.downSince);
    this.logger.log(`${this.dependency} 已恢复（中断 ${lasted} 秒，期间 ${this.failures} 次失败）`);
    this.downSince = null;
    this.failures = 0;
  }
}

function seconds(ms: number): number {
  return Math.round(ms / 1000);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code)
    ? `${code} ${error.message}`
    : error.message;
}

// One log per dependency per process: `serve --with-worker` runs the API and the workers as two Nest
// applications in one process, and their monitors must not each report the same outage.
const perProcess = new Map<string, OutageLog>();

export function processOutageLog(dependency: string, logger: OutageLogger, reminderMs: number): OutageLog {
  let log = perProcess.get(dependency);
  if (!log) {
    log = new OutageLog(dependency, logger, reminderMs);
    perProcess.set(dependency, log);
  }
  return log;
}
