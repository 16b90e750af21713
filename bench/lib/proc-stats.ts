import { readFileSync } from 'node:fs';

// CPU and memory from /proc (Linux), for benchmarks that report what one operation costs the machine.
// Clock ticks are USER_HZ, 100 per second on every Linux the project runs on.
const TICK_MS = 10;

// Busy milliseconds of all CPUs together since boot (everything but idle and iowait).
export function machineBusyMs(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const ticks = cpu.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks; // idle and iowait are skipped
  return (user + nice + system + irq + softirq + (steal ?? 0)) * TICK_MS;
}

// User + system CPU milliseconds of one process (0 when it has gone).
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14 and 15)
  } catch {
    return 0;
  }
}

export function processRssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

// CPU used by groups of processes (and the whole machine) over one measured phase. Each group's process
// list is read again at the end (a connection pool may open new backends meanwhile: a process that
// started during the phase counts from zero; one that ended during it is lost, so figures are floors).
export class CpuMeter {
  private readonly start = new Map<number, number>();
  private readonly machineStart = machineBusyMs();

  constructor(private readonly groups: Record<string, () => number[] | Promise<number[]>>) {}

  async begin(): Promise<this> {
    for (const pids of Object.values(this.groups)) {
      for (const pid of await pids()) this.start.set(pid, processCpuMs(pid));
    }
    return this;
  }

  // CPU milliseconds per operation, by group and for the machine.
  async perOperation(operations: number): Promise<Record<string, number>> {
    const per = (ms: number): number => +(ms / Math.max(1, operations)).toFixed(2);
    const result: Record<string, number> = {};
    for (const [name, pids] of Object.entries(this.groups)) {
      let used = 0;
      for (const pid of await pids()) used += Math.max(0, processCpuMs(pid) - (this.start.get(pid) ?? 0));
      result[name] = per(used);
    }
    result.machine = per(machineBusyMs() - this.machineStart);
    return result;
  }
}

// The largest resident set of each process, sampled while a phase runs.
export class RssSampler {
  private readonly peak = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: number[],
    everyMs = 500,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): number[] {
    clearInterval(this.timer);
    this.sample();
    return this.pids.map((pid) => this.peak.get(pid) ?? 0);
  }

  private sample(): void {
    for (const pid of this.pids) this.peak.set(pid, Math.max(this.peak.get(pid) ?? 0, processRssMb(pid)));
  }
}
