import { ValidateBy, ValidationOptions } from 'class-validator';
import { identityNumberProblem } from './identity-number';
import { phoneNumberProblem } from './phone-number';

// class-validator decorators whose message is the Chinese reason (the validation pipe shows it as is).
export function IsIdentityNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIdentityNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && identityNumberProblem(value) === null,
        defaultMessage: (args) =>
          `公民身份号码有误：${typeof args?.value === 'string' ? identityNumberProblem(args.value) : '应为文本'}`,
      },
    },
    options,
  );
}

export function IsPhoneNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPhoneNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && phoneNumberProblem(value) === null,
        defaultMessage: (args) =>
          `联系电话有误：${typeof args?.value === 'string' ? phoneNumberProblem(args.value) : '应为文本'}`,
      },
    },
    options,
  );
}
