import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { AppConfigService } from 'src/config/app-config.service';

// Reports the mode (embedded database or servers; where the queues live), so an operator sees at a
// glance whether this is a trial installation.
@Injectable()
export class StorageHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly config: AppConfigService,
  ) {}

  describe(key: string): HealthIndicatorResult {
    return this.health.check(key).up({ ...this.config.storage });
  }
}
