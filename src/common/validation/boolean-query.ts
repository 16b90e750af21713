import { Transform } from 'class-transformer';

// ?x=true / ?x=false as booleans; anything else stays as given so @IsBoolean names the field.
export const BooleanQuery = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
