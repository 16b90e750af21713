import { Injectable } from '@nestjs/common';

// Everything that asks "what time is it" asks this, so tests can move time without sleeping.
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
