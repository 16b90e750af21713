import { Param, ParseIntPipe, PipeTransform } from '@nestjs/common';
import { invalidField } from 'src/common/validation/field-error';

const YEAR_PROBLEM = '应为四位年份，如 2026';

// A year in the route that is not a four-digit integer is a 400 naming `year` (whether the year is
// covered is the service's question); 99999999999999999999 must not reach the database.
const fourDigits: PipeTransform<number, number> = {
  transform: (year) => {
    if (year < 1000 || year > 9999) throw invalidField('year', YEAR_PROBLEM);
    return year;
  },
};

export function YearParam(): ParameterDecorator {
  return Param(
    'year',
    new ParseIntPipe({ exceptionFactory: () => invalidField('year', YEAR_PROBLEM) }),
    fourDigits,
  );
}
