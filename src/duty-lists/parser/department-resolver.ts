import { ParsedTownship } from 'src/domain/vocabulary';
import {
  DEPARTMENT_ALIASES,
  DEPARTMENT_STEMS,
  PREFECTURE_ALIASES,
} from 'src/duty-lists/parser/department-lexicon';
import { removeAllSpaces } from 'src/duty-lists/parser/text-normalize';

export interface DepartmentContext {
  county: string; // 奇台县
  countyBase: string; // 奇台
  /** Ways the prefecture is written in front of a name, longest first (昌吉回族自治州, 昌吉州, 州). */
  prefixes: string[];
  /** Sticky pattern for higher-level units named after the county (昌吉州生态环境局奇台县分局). */
  higherLevel: RegExp;
}

export interface DepartmentMatch {
  /** County-prefixed name as written (县残联 → 奇台县残联). */
  name: string;
  end: number;
}

export interface DepartmentSeries {
  names: string[];
  end: number;
}

const STEMS_LONGEST_FIRST = [...DEPARTMENT_STEMS].sort((a, b) => b.length - a.length);
const GENERIC_SUFFIX =
  /^[\u4e00-\u9fa5]{1,14}(?:局|委员会|委|部|办公室|办|中心|大队|队|所|站|馆|会|联|院|室|社)$/;
const SERIES_JOINER = /^\s*(?:、|，|,|以及|和|与|及)\s*/;
const QUALIFIER = /^(?:及其他|及有关|及相关|等)/;

export function createDepartmentContext(township: ParsedTownship): DepartmentContext {
  const county = township.county;
  const countyBase = county.replace(/[县市区]$/, '');
  const prefixes = prefectureForms(township.prefecture);
  const head = [...prefixes, '新疆维吾尔自治区', '自治区', '新疆', '国家', '国网']
    .map(escapeRegExp)
    .join('|');
  const higherLevel = new RegExp(
    `(?:${head})[\\u4e00-\\u9fa5（）()]{0,30}?${escapeRegExp(countyBase)}县?[\\u4e00-\\u9fa5]{0,8}?(?:分公司|分局|调查队|大队|公司|局|队|中心)`,
    'y',
  );
  return { county, countyBase, prefixes, higherLevel };
}

function prefectureForms(prefecture: string): string[] {
  const forms = new Set<string>([prefecture]);
  for (const [short, full] of Object.entries(PREFECTURE_ALIASES)) if (full === prefecture) forms.add(short);
  const generic = ['自治州', '地区', '州', '市'].find((tail) => prefecture.endsWith(tail));
  if (generic) forms.add(generic === '自治州' ? '州' : generic);
  return [...forms].sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function stemAt(s: string, i: number): string | null {
  return STEMS_LONGEST_FIRST.find((stem) => s.startsWith(stem, i)) ?? null;
}

/**
 * The department that starts at s[i], if any. `allowBare` also accepts an unprefixed stem (残联);
 * running text only allows prefixed names, since 人大代表… or 政协委员… are not departments.
 */
export function matchDepartmentAt(
  s: string,
  i: number,
  ctx: DepartmentContext,
  allowBare: boolean,
): DepartmentMatch | null {
  const candidates: DepartmentMatch[] = [];
  ctx.higherLevel.lastIndex = i;
  const higher = ctx.higherLevel.exec(s);
  if (higher) candidates.push({ name: higher[0], end: i + higher[0].length });
  const prefixes: Array<[string, boolean]> = [
    [ctx.county, true],
    ['县', true],
    ['', allowBare],
  ];
  for (const [prefix, allowed] of prefixes) {
    if (!allowed || !s.startsWith(prefix, i)) continue;
    const stem = stemAt(s, i + prefix.length);
    if (stem) candidates.push({ name: ctx.county + stem, end: i + prefix.length + stem.length });
  }
  if (candidates.length === 0) return null;
  return candidates.reduce((best, c) => (c.end > best.end ? c : best));
}

/** One or more departments joined by 、 / 和 / 与 / 及 starting at s[i] (县农业农村局、县林业和草原局). */
export function matchDepartmentSeries(
  s: string,
  i: number,
  ctx: DepartmentContext,
  allowBare: boolean,
): DepartmentSeries | null {
  const first = matchDepartmentAt(s, i, ctx, allowBare);
  if (!first) return null;
  const names = [first.name];
  let end = first.end;
  for (;;) {
    const joiner = SERIES_JOINER.exec(s.slice(end));
    if (!joiner) break;
    const next = matchDepartmentAt(s, end + joiner[0].length, ctx, allowBare);
    if (!next) break;
    names.push(next.name);
    end = next.end;
  }
  return { names, end };
}

/** One key per department however it is written: 县残联, 奇台县残疾人联合会 and 残联 share it. */
export function departmentKey(name: string, ctx: DepartmentContext): string {
  let s = removeAllSpaces(name);
  const head = ['新疆维吾尔自治区', ...ctx.prefixes].find((p) => s.startsWith(p) && s.length > p.length);
  if (head) s = s.slice(head.length);
  if (s.startsWith(ctx.county)) s = s.slice(ctx.county.length);
  else if (s.startsWith('县')) s = s.slice(1);
  // 国家税务总局玛纳斯县税务局 is the county's 税务局: the text calls it 县税务局.
  const inner = s.lastIndexOf(ctx.county);
  const tail = inner > 0 ? s.slice(inner + ctx.county.length) : '';
  if (DEPARTMENT_STEMS.includes(tail)) s = tail;
  return DEPARTMENT_ALIASES[s] ?? s;
}

/** A county-prefixed name not in the lexicon but shaped like a department (奇台县乡村振兴服务中心). */
function isGenericCountyDepartment(s: string, ctx: DepartmentContext): boolean {
  if (!s.startsWith(ctx.county)) return false;
  const rest = s.slice(ctx.county.length);
  // OCR that reads a column sideways repeats the county's characters inside the name.
  const repeatsCounty = [...ctx.countyBase].some((ch) => rest.includes(ch));
  return GENERIC_SUFFIX.test(rest) && !repeatsCounty;
}

export interface DepartmentCell {
  names: string[];
  /** Pieces that are not a whole department name (织部, 农村局): OCR damage for a person to check. */
  fragments: string[];
}

/** Splits a 对应上级部门 / 承接部门 cell into county-prefixed names, keeping what it cannot read. */
export function splitDepartmentCell(cell: string, ctx: DepartmentContext): DepartmentCell {
  const result: DepartmentCell = { names: [], fragments: [] };
  for (const piece of cell.split(/[、，,；;\n]/)) {
    const s = removeAllSpaces(piece);
    if (s === '') continue;
    const segmented = segment(s, ctx);
    if (segmented.fragments.length > 0 && isGenericCountyDepartment(s, ctx)) {
      result.names.push(s);
      continue;
    }
    result.names.push(...segmented.names);
    result.fragments.push(...segmented.fragments);
  }
  return { names: uniqueByKey(result.names, ctx), fragments: result.fragments };
}

// Spaces are gone, so 玛纳斯县委宣传部县文化体育广播电视和旅游局 is cut where the next name begins.
function segment(s: string, ctx: DepartmentContext): DepartmentCell {
  const names: string[] = [];
  const fragments: string[] = [];
  let fragment = '';
  let i = 0;
  while (i < s.length) {
    const match = matchDepartmentAt(s, i, ctx, true);
    if (!match) {
      fragment += s[i++];
      continue;
    }
    keepFragment(fragment, fragments);
    fragment = '';
    names.push(match.name);
    i = match.end;
  }
  keepFragment(fragment, fragments);
  return { names, fragments };
}

function keepFragment(fragment: string, fragments: string[]): void {
  // "…及其他负有安全生产监督管理职责的部门" qualifies the name before it; it is not damage.
  if (fragment !== '' && !QUALIFIER.test(fragment)) fragments.push(fragment);
}

export function uniqueByKey(names: string[], ctx: DepartmentContext): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = departmentKey(name, ctx);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The entry of `list` that is the same department as `name`, or null. */
export function findSameDepartment(name: string, list: string[], ctx: DepartmentContext): string | null {
  const key = departmentKey(name, ctx);
  return list.find((candidate) => departmentKey(candidate, ctx) === key) ?? null;
}
