import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from './auth/auth.module';
import { WorkflowModule, WorkflowWorkerModule } from './workflow/workflow.module';
import { MaterialsModule } from './materials/materials.module';
import { UsersModule } from './users/users.module';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor';
import { IdempotencyRepository } from './common/idempotency/idempotency.repository';
import { NotificationsModule, NotificationsWorkerModule } from './notifications/notifications.module';
import { TemplatesModule } from './templates/templates.module';
import { AllErrorsFilter } from './common/errors/domain-error.filter';
import { CalendarModule } from './calendar/calendar.module';
import { ClockModule } from './common/clock/clock.module';
import { DomainEventsModule } from './common/events/domain-events.module';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DeadlinesModule, DeadlinesWorkerModule } from './deadlines/deadlines.module';
import { DutiesModule } from './duties/duties.module';
import { DutyListsModule } from './duty-lists/duty-lists.module';
import { ImportsProcessor } from './duty-lists/imports.processor';
import { HealthModule } from './health/health.module';
import { MaintenanceWorkerModule } from './maintenance/maintenance.module';
import { QueueModule } from './queue/queue.module';
import { SupervisionModule, SupervisionWorkerModule } from './supervision/supervision.module';
import { WebAppModule } from './web/web-app.module';

// What every process needs: validated config, logs, Postgres (migrated), Redis/BullMQ.
@Module({
  imports: [AppConfigModule, ClockModule, DomainEventsModule, LoggingModule, DatabaseModule, QueueModule],
})
export class CoreModule {}

// The HTTP API. It produces jobs but runs none.
@Module({
  imports: [
    CoreModule,
    AuthModule,
    HealthModule,
    CalendarModule,
    DutiesModule,
    DutyListsModule,
    TemplatesModule,
    WorkflowModule,
    MaterialsModule,
    UsersModule,
    SupervisionModule,
    DeadlinesModule,
    NotificationsModule,
    WebAppModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: AllErrorsFilter },
    IdempotencyRepository,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class ApiModule {}

// The queue workers: every processor, no HTTP.
@Module({
  imports: [
    CoreModule,
    CalendarModule,
    DutyListsModule,
    WorkflowWorkerModule,
    DeadlinesWorkerModule,
    NotificationsWorkerModule,
    SupervisionWorkerModule,
    MaintenanceWorkerModule,
  ],
  providers: [ImportsProcessor],
})
export class WorkerModule {}
