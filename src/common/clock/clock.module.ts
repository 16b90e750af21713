import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';

// Global so every feature module reads the same (in tests: the same overridden) clock.
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
