import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Cluster } from 'ioredis';
import IORedis from 'ioredis';
import { AppConfigService } from 'src/config/app-config.service';
import { createProbeConnection } from 'src/queue/redis-connection';
import { withTimeout } from 'src/common/with-timeout';

@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  // Only when REDIS_URL is set; without it the queues live in PostgreSQL and there is no Redis to check.
  private readonly client: IORedis | Cluster | undefined;

  constructor(
    private readonly health: HealthIndicatorService,
    config: AppConfigService,
  ) {
    // A client of its own, with no offline queue, so a down Redis answers "down" at once.
    const { target } = config.redis;
    this.client = target ? createProbeConnection(target) : undefined;
    this.client?.on('error', () => undefined); // state is reported by the check; no log flood while down
  }

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      if (!this.client) throw new Error('REDIS_URL is not set');
      const reply = await withTimeout(this.client.ping(), 1_500, 'Redis PING');
      return indicator.up({ reply });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  onModuleDestroy(): void {
    this.client?.disconnect();
  }
}
