import { Module } from '@nestjs/common';
import { TemplatesRepository } from './templates.repository';

@Module({
  providers: [TemplatesRepository],
  exports: [TemplatesRepository],
})
export class TemplatesModule {}
