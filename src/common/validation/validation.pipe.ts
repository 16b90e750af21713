import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode } from 'src/common/errors/error-codes';

// class-validator speaks English; clerks read Chinese. Known constraints get a Chinese sentence,
// unknown ones keep the library's text so nothing is hidden.
const CONSTRAINT_MESSAGES: Record<string, string> = {
  whitelistValidation: '不是允许的字段',
  isString: '应为文本',
  isNotEmpty: '不能为空',
  isInt: '应为整数',
  isNumber: '应为数字',
  isBoolean: '应为 true 或 false',
  isUuid: '应为有效的 UUID',
  isIn: '取值不在允许范围内',
  isEnum: '取值不在允许范围内',
  isDateString: '应为日期（YYYY-MM-DD）',
  isISO8601: '应为日期（YYYY-MM-DD）',
  min: '小于允许的最小值',
  max: '大于允许的最大值',
  maxLength: '过长',
  minLength: '过短',
  isArray: '应为数组',
  arrayNotEmpty: '不能为空数组',
};

function describeConstraints(constraints: Record<string, string>): string[] {
  return Object.entries(constraints).map(([name, text]) => CONSTRAINT_MESSAGES[name] ?? text);
}

interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: describeConstraints(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

// Unknown fields are rejected, bodies are transformed to DTO classes, and a 400 names every bad field.
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const message = fields.map((f) => `${f.field}: ${f.problems.join('，')}`).join('；');
      return new BadRequestException({
        statusCode: 400,
        code: ErrorCode.VALIDATION_FAILED,
        message: `请求参数有误：${message}`,
        details: { fields },
      });
    },
  });
}
