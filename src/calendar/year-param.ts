import { BadRequestException, Param, ParseIntPipe } from '@nestjs/common';
import { ErrorCode } from 'src/common/errors/error-codes';

// A year in the route that is not an integer is a 400 naming `year` (the range is the service's).
export function YearParam(): ParameterDecorator {
  return Param(
    'year',
    new ParseIntPipe({
      exceptionFactory: () =>
        new BadRequestException({
          statusCode: 400,
          code: ErrorCode.VALIDATION_FAILED,
          message: '请求参数有误：year 应为年份，如 2026',
          details: { fields: [{ field: 'year', problems: ['应为年份，如 2026'] }] },
        }),
    }),
  );
}
