import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfigService } from 'src/config/app-config.service';
import { DutiesModule } from 'src/duties/duties.module';
import { OrganizationsModule } from 'src/organizations/organizations.module';
import { TemplatesModule } from 'src/templates/templates.module';
import { DutyListDocumentsRepository } from './duty-list-documents.repository';
import { DutyListImporter } from './duty-list.importer';
import { DutyListsController } from './duty-lists.controller';
import { DutyListsService } from './duty-lists.service';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

@Module({
  imports: [
    OrganizationsModule,
    DutiesModule,
    TemplatesModule,
    // Uploads stay in memory (documents are ~130 KB) and are stored in the imports row for the worker.
    MulterModule.registerAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => ({ limits: { fileSize: config.uploadMaxBytes, files: 1 } }),
    }),
  ],
  controllers: [ImportsController, DutyListsController],
  providers: [
    DutyListDocumentsRepository,
    DutyListImporter,
    DutyListsService,
    ImportsRepository,
    ImportsService,
  ],
  exports: [DutyListImporter, ImportsService],
})
export class DutyListsModule {}
