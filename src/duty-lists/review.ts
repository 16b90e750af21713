import { ParseWarning } from 'src/domain/vocabulary';

// How many distinct rows a reviewer must open (a row can carry several warnings).
export function countRowsToReview(warnings: ParseWarning[]): number {
  return new Set(warnings.filter((w) => w.list && w.no !== undefined).map((w) => `${w.list}:${w.no}`)).size;
}
