import { Module } from '@nestjs/common';
import { OrganizationsModule } from 'src/organizations/organizations.module';
import { DutiesController } from './duties.controller';
import { DutiesRepository } from './duties.repository';
import { DutiesService } from './duties.service';

@Module({
  imports: [OrganizationsModule],
  controllers: [DutiesController],
  providers: [DutiesRepository, DutiesService],
  exports: [DutiesRepository],
})
export class DutiesModule {}
