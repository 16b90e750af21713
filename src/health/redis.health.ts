import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Cluster } from 'ioredis';
import IORedis from 'ioredis';
import { AppConfigService } from 'src/config/app-config.service';
import { createProbeConnection } from 'src/queue/redis-connection';
import { withTimeout } from 'src/common/with-timeout';

@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: IORedis | Cluster;

  constructor(
    private readonly health: HealthIndicatorService,
    config: AppConfigService,
  ) {
    // A client of its own, with no offline queue, so a down Redis answers "down" at once.
    this.client = createProbeConnection(config.redis.target);
    this.client.on('error', () => undefined); // state is reported by the check; no log flood while down
  }

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const reply = await withTimeout(this.client.ping(), 1_500, 'Redis PING');
      return indicator.up({ reply });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
