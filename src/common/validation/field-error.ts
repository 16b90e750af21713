import { BadRequestException } from '@nestjs/common';
import { ErrorCode } from 'src/common/errors/error-codes';

// The one shape of a 400 that names a field: the same body the validation pipe produces.
export function invalidField(field: string, problem: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    code: ErrorCode.VALIDATION_FAILED,
    message: `请求参数有误：${field} ${problem}`,
    details: { fields: [{ field, problems: [problem] }] },
  });
}
