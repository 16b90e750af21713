import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ErrorCode } from 'src/common/errors/error-codes';

// A route id that is not a UUID is a 400 naming the parameter, not a 500 from the database.
export function UuidParam(name = 'id'): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new BadRequestException({
          statusCode: 400,
          code: ErrorCode.VALIDATION_FAILED,
          message: `请求参数有误：${name} 应为有效的 UUID`,
          details: { fields: [{ field: name, problems: ['应为有效的 UUID'] }] },
        }),
    }),
  );
}
