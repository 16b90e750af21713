import { BadRequestException, Param, ParseEnumPipe } from '@nestjs/common';
import { ErrorCode } from 'src/common/errors/error-codes';
import { UNIT_KINDS } from './unit-kind';

const UNIT_KIND_ENUM = Object.fromEntries(UNIT_KINDS.map((kind) => [kind, kind]));

// :unitKind must be department, township or county: a 400 naming the parameter, like UuidParam.
export function UnitKindParam(name = 'unitKind'): ParameterDecorator {
  return Param(
    name,
    new ParseEnumPipe(UNIT_KIND_ENUM, {
      exceptionFactory: () =>
        new BadRequestException({
          statusCode: 400,
          code: ErrorCode.VALIDATION_FAILED,
          message: `请求参数有误：${name} 应为 department（县直部门）、township（乡镇）或 county（县）`,
          details: { fields: [{ field: name, problems: ['应为 department、township 或 county'] }] },
        }),
    }),
  );
}
