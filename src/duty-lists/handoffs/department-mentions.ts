import { DEPARTMENT_ALIASES } from 'src/duty-lists/parser/department-lexicon';

// Every way a step's text may name a county department: 奇台县残联 → 奇台县残联, 县残联, 残联,
// 县残疾人联合会, 残疾人联合会. Longest first, so the evidence quotes the fullest form.
export function departmentMentionForms(fullName: string, county: string): string[] {
  const rest = fullName.startsWith(county) ? fullName.slice(county.length) : fullName;
  const canonical = DEPARTMENT_ALIASES[rest] ?? rest;
  const spellings = new Set([rest, canonical]);
  for (const [alias, target] of Object.entries(DEPARTMENT_ALIASES))
    if (target === canonical) spellings.add(alias);
  const forms = new Set([fullName]);
  for (const spelling of spellings) {
    forms.add(`县${spelling}`);
    // 委组织部 alone is not written; 组织部 is. A bare stem needs two characters to mean anything.
    const bare = spelling.startsWith('委') ? spelling.slice(1) : spelling;
    if (bare.length >= 2) forms.add(bare);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}
