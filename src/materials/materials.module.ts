import { Module } from '@nestjs/common';
import { WorkflowModule } from 'src/workflow/workflow.module';
import { MaterialStorage } from './material-storage';
import { MaterialUploadInterceptor } from './material-upload.interceptor';
import { MaterialsController } from './materials.controller';
import { MaterialsRepository } from './materials.repository';
import { MaterialsService } from './materials.service';
import { PostgresMaterialStorage } from './postgres-material-storage';

@Module({
  imports: [WorkflowModule],
  controllers: [MaterialsController],
  providers: [
    MaterialsRepository,
    MaterialsService,
    MaterialUploadInterceptor,
    { provide: MaterialStorage, useClass: PostgresMaterialStorage },
  ],
})
export class MaterialsModule {}
