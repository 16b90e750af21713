import { KNOWN_CATEGORIES } from 'src/duty-lists/parser/department-lexicon';
import { collapseSpaces, removeAllSpaces } from 'src/duty-lists/parser/text-normalize';

const REPEATED_CHAR = /([\u4e00-\u9fa5])\1\1/;
const REPEATED_WORD = /([\u4e00-\u9fa5]{2,8})\1/;
const DOUBLED_PUNCTUATION = /[、,，][、,，]/;
const SINGLE_CHAR_RUN = /(?:^|\s)(?:\S\s+){3,}\S(?=\s|$)/;

/**
 * Why a text looks like OCR garbage, or null. Signals: a word repeated back to back (是不是不是,
 * 一个一个一个, 设统计调度设统计调度), doubled list punctuation (、、), or a run of single characters separated by spaces
 * (专 察 障 工 作), which is how a sideways-read table column comes out.
 */
export function garbledReason(raw: string): string | null {
  const spaced = collapseSpaces(raw);
  const dense = removeAllSpaces(raw);
  const repeated = REPEATED_CHAR.exec(dense) ?? REPEATED_WORD.exec(dense);
  if (repeated) return `含有重复的字词「${repeated[0]}」`;
  const doubled = DOUBLED_PUNCTUATION.exec(dense);
  if (doubled) return `含有连续的标点「${doubled[0]}」`;
  const run = SINGLE_CHAR_RUN.exec(spaced);
  if (run) return `含有被空格隔开的零散单字「${run[0].trim()}」`;
  return null;
}

/** Names additionally must not be cut off: unbalanced brackets or a leading comma mean a lost start or end. */
export function damagedNameReason(raw: string): string | null {
  const garbled = garbledReason(raw);
  if (garbled) return garbled;
  const dense = removeAllSpaces(raw);
  if (/^[,，、。;；:：)）]/.test(dense)) return `以标点「${dense[0]}」开头，开头可能缺字`;
  const open = (dense.match(/[(（]/g) ?? []).length;
  const close = (dense.match(/[)）]/g) ?? []).length;
  if (open !== close) return '括号不成对，可能缺字或被截断';
  return null;
}

export interface CategoryCheck {
  category: string;
  problem: string | null;
}

/** 事项类别 is a closed list: a truncated one (应急管理及消) is completed, anything else unknown is reported. */
export function checkCategory(raw: string): CategoryCheck {
  const category = removeAllSpaces(raw);
  if (KNOWN_CATEGORIES.includes(category)) return { category, problem: null };
  const completions = KNOWN_CATEGORIES.filter((known) => category.length >= 4 && known.startsWith(category));
  if (completions.length === 1) {
    return {
      category: completions[0],
      problem: `事项类别「${category}」不完整，已按常见类别补全为「${completions[0]}」，请核对`,
    };
  }
  const near = KNOWN_CATEGORIES.find(
    (known) => known.length === category.length && sharedPrefix(known, category) >= known.length - 1,
  );
  const hint = near ? `，可能是「${near}」` : '';
  return { category, problem: `事项类别「${category}」不是常见的事项类别${hint}，请核对` };
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}
