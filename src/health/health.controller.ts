import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LivenessResponseDto } from './dto/liveness-response.dto';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from 'src/auth/public.decorator';
import { AppConfigService } from 'src/config/app-config.service';
import { QueueHealthIndicator } from './queue.health';
import { RedisHealthIndicator } from './redis.health';
import { StorageHealthIndicator } from './storage.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly queue: QueueHealthIndicator,
    private readonly storage: StorageHealthIndicator,
    private readonly config: AppConfigService,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary:
      '就绪检查：数据库、Redis（已配置时）、队列（任一不可用时返回 503）；storage 说明运行模式（内置数据库或服务器）',
  })
  check(): Promise<HealthCheckResult> {
    const redis = this.config.redis.url ? [() => this.redis.isHealthy('redis')] : [];
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1_500 }),
      ...redis,
      () => this.queue.isHealthy('queue'),
      () => this.storage.describe('storage'),
    ]);
  }

  @Get('live')
  @ApiOperation({ summary: '存活检查：进程在运行即返回 200' })
  @ApiOkResponse({ type: LivenessResponseDto })
  live(): LivenessResponseDto {
    return { status: 'ok' };
  }
}
