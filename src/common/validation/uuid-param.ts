import { Param, ParseUUIDPipe } from '@nestjs/common';
import { invalidField } from './field-error';

// A route id that is not a UUID is a 400 naming the parameter, not a 500 from the database.
export function UuidParam(name = 'id'): ParameterDecorator {
  return Param(name, new ParseUUIDPipe({ exceptionFactory: () => invalidField(name, '应为有效的 UUID') }));
}
