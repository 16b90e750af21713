import { normalizeIdentityNumber } from 'src/common/personal-data/identity-number';

// A search term that is a whole 公民身份号码 finds the person's cases by exact match on the stored,
// normalised number (indexed; no partial matching, so numbers cannot be guessed digit by digit).
// Any other term matches the case title, the applicant's name or the duty name. `?` is the one parameter.
export function isIdentityNumberTerm(term: string): boolean {
  return /^\d{17}[\dX]$/.test(normalizeIdentityNumber(term));
}

export function applicantSearchSql(caseAlias: string, dutyAlias: string): (term: string) => string {
  return (term) =>
    isIdentityNumberTerm(term)
      ? `${caseAlias}."applicantIdNumber" = ?`
      : `(${caseAlias}.title ILIKE ? OR ${caseAlias}.subject ILIKE ? OR ${dutyAlias}.name ILIKE ?)`;
}

export function applicantSearchParam(term: string): string {
  return isIdentityNumberTerm(term)
    ? normalizeIdentityNumber(term)
    : `%${term.trim().replace(/[\\%_]/g, '\\$&')}%`;
}
