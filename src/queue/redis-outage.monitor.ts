import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import IORedis, { Cluster } from 'ioredis';
import { OutageLog, processOutageLog } from 'src/common/logging/outage-log';
import { AppConfigService } from 'src/config/app-config.service';
import { QueueName } from './queue.constants';
import { createProbeConnection } from './redis-connection';

// Every BullMQ queue and worker of this process reports connection errors here instead of printing
// each one (BullMQ console.error()s an 'error' event nobody listens to: thousands of ECONNREFUSED
// traces per outage). A probe connection of its own decides when the queue store went away and
// when it is back: one log line each, a reminder in between (OutageLog). Without REDIS_URL the
// queues live in PostgreSQL (whose outages DatabaseOutageMonitor logs) and their errors are logged as
// they come.
@Injectable()
export class RedisOutageMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('QueueStore');
  private readonly outage: OutageLog;
  private readonly probe: IORedis | Cluster | undefined;

  constructor(
    config: AppConfigService,
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
  ) {
    const { target } = config.redis;
    this.outage = processOutageLog('Redis', this.logger, config.outageReminderMs);
    this.probe = target ? createProbeConnection(target) : undefined;
    this.probe?.on('error', (error: unknown) => this.outage.failed(error));
    this.probe?.on('ready', () => this.outage.recovered());
  }

  onApplicationBootstrap(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (error) => this.report(error));
    }
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof WorkerHost)) continue;
      const worker = instance.worker as Worker | undefined;
      worker?.on('error', (error: Error) => this.report(error));
    }
  }

  // While the probe is connected, an error is not an outage: it is logged as it is.
  private report(error: Error): void {
    if (!this.probe || (this.probe.status === 'ready' && !this.outage.isDown)) {
      this.logger.warn(`queue error: ${error.message}`);
      return;
    }
    this.outage.failed(error);
  }

  onModuleDestroy(): void {
    this.probe?.disconnect();
  }
}
