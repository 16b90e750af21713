import { ParsedBasicDuty } from 'src/duty-lists/duty-list.types';
import { ParseWarning } from 'src/domain/vocabulary';
import { readCategoryAndName } from 'src/duty-lists/parser/row-fields';
import { RawRow, rowFields } from 'src/duty-lists/parser/table-reader';

/** Basic rows carry no warnings field of their own; theirs go to the document's list. */
export function buildBasicDuty(row: RawRow, ordinal: number, warnings: ParseWarning[]): ParsedBasicDuty {
  const fields = rowFields(row);
  const ref = { list: 'basic' as const, ordinal, no: row.no, line: row.line };
  const { category, name } = readCategoryAndName(fields.category, fields.name, ref, warnings);
  return { no: row.no, category, name, line: row.line };
}
