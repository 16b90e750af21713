import { ParsedTownship } from 'src/domain/vocabulary';
import { DepartmentContext } from 'src/duty-lists/parser/department-resolver';

/** What every row builder needs to know about the document. */
export interface RowContext {
  township: ParsedTownship;
  departments: DepartmentContext;
  /** Every whole department name seen anywhere in the document, to recognise a damaged fragment (织部). */
  knownDepartments: string[];
}
