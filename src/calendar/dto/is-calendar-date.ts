import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDate } from 'src/calendar/working-days';

// A real date written YYYY-MM-DD: 2025-02-30 and 2025-2-3 are rejected (IsDateString accepts both
// times and rolled-over dates). The message is Chinese because the validation pipe passes unknown
// constraints' text through.
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: () => '应为有效日期（YYYY-MM-DD），如 2025-09-26',
      },
    },
    options,
  );
}
