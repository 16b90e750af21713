import { DepartmentContext, matchDepartmentSeries } from 'src/duty-lists/parser/department-resolver';
import { collapseSpaces, removeWideGaps, toParagraphs } from 'src/duty-lists/parser/text-normalize';

export type CellToken =
  { kind: 'section'; title: string } | { kind: 'header'; names: string[] } | { kind: 'step'; text: string };

interface Marker {
  at: number;
  contentStart: number;
  token: CellToken | null; // null: a step number, whose text is the content that follows
}

const STEP_NUMBER = /(?:\d{1,2}\s*[.．、](?!\d)|[\u2460-\u2473])\s*/y;
const SECTION = /[一二三四五六七八九十]{1,3}、\s*/y;
// Looser than STEP_NUMBER on purpose: OCR leftovers like "2.1.尼报告…" must not keep a number either.
const LEADING_NUMBERS = /^(?:(?:\d{1,2}\s*[.．、]|[\u2460-\u2473])\s*)+/;
const TITLE_END = /[:：]|\s/;

/**
 * Reads one 职责 cell into sections (一、…), department block headers (县应急管理局：) and steps.
 * `ctx` null means the township lane, where department headers are not looked for.
 */
export function splitCell(cell: string, ctx: DepartmentContext | null): CellToken[] {
  return toParagraphs(cell).flatMap((paragraph) => splitParagraph(paragraph, ctx));
}

function splitParagraph(p: string, ctx: DepartmentContext | null): CellToken[] {
  const markers = findMarkers(p, ctx);
  const tokens: CellToken[] = [];
  tokens.push(...unnumberedSteps(p.slice(0, markers[0]?.at ?? p.length)));
  markers.forEach((marker, k) => {
    const content = p.slice(marker.contentStart, markers[k + 1]?.at ?? p.length);
    if (marker.token) {
      tokens.push(marker.token, ...unnumberedSteps(content));
    } else {
      pushStep(tokens, content);
    }
  });
  return tokens;
}

function findMarkers(p: string, ctx: DepartmentContext | null): Marker[] {
  const markers: Marker[] = [];
  let i = 0;
  while (i < p.length) {
    const afterNumber =
      markers.length > 0 &&
      markers[markers.length - 1].contentStart === i &&
      !markers[markers.length - 1].token;
    const marker = isBoundary(p, i) ? markerAt(p, i, ctx, afterNumber) : null;
    if (marker) {
      markers.push(marker);
      i = Math.max(marker.contentStart, i + 1);
    } else {
      i++;
    }
  }
  return markers;
}

// Structure only starts a paragraph, or follows a space or sentence/list punctuation.
function isBoundary(p: string, i: number): boolean {
  return i === 0 || /[\s；;。：:]/.test(p[i - 1]);
}

function markerAt(p: string, i: number, ctx: DepartmentContext | null, afterNumber: boolean): Marker | null {
  STEP_NUMBER.lastIndex = i;
  const number = STEP_NUMBER.exec(p);
  if (number) return { at: i, contentStart: i + number[0].length, token: null };
  SECTION.lastIndex = i;
  const section = SECTION.exec(p);
  if (section) return sectionMarker(p, i, i + section[0].length);
  // A department right after "1." is the step's actor (1.县残联制定…), not a block header.
  return ctx && !afterNumber ? headerMarker(p, i, ctx) : null;
}

// 一、分户工作 村民委员会…: the title ends at the first space or colon; the rest is a step.
function sectionMarker(p: string, at: number, titleStart: number): Marker {
  const rest = p.slice(titleStart);
  const end = rest.search(TITLE_END);
  const raw = end < 0 ? rest : rest.slice(0, end);
  const colon = end >= 0 && /[:：]/.test(rest[end]) ? 1 : 0;
  const title = removeWideGaps(raw).trim();
  return { at, contentStart: titleStart + raw.length + colon, token: { kind: 'section', title } };
}

// 县应急管理局： / 县农业农村局、县林业和草原局： anywhere after a space; without a colon
// (县消防救援局 开展防灭火工作。) only at the start of a paragraph or sentence.
function headerMarker(p: string, at: number, ctx: DepartmentContext): Marker | null {
  const loose = matchDepartmentSeries(p, at, ctx, true);
  if (!loose) return null;
  const colon = /^\s*[:：]\s*/.exec(p.slice(loose.end));
  if (colon)
    return { at, contentStart: loose.end + colon[0].length, token: { kind: 'header', names: loose.names } };
  const strict = matchDepartmentSeries(p, at, ctx, false);
  if (!strict || !startsSentence(p, at)) return null;
  const after = p.slice(strict.end);
  if (after !== '' && !/^\s+\S/.test(after)) return null;
  return { at, contentStart: strict.end, token: { kind: 'header', names: strict.names } };
}

function startsSentence(p: string, i: number): boolean {
  const before = p.slice(0, i).trimEnd();
  return before === '' || /[。；;]$/.test(before);
}

// Unnumbered list items are separated by ；/; (<ol> 统筹…； 汇总…；).
function unnumberedSteps(text: string): CellToken[] {
  const tokens: CellToken[] = [];
  for (const item of text.split(/[；;]/)) pushStep(tokens, item);
  return tokens;
}

function pushStep(tokens: CellToken[], raw: string): void {
  const text = cleanStepText(raw);
  if (text !== '') tokens.push({ kind: 'step', text });
}

/** Step text without markup, leading number, wide gaps or trailing list punctuation. */
export function cleanStepText(raw: string): string {
  const text = removeWideGaps(collapseSpaces(raw)).replace(LEADING_NUMBERS, '');
  const trimmed = text.replace(/[\s；;，,、。]+$/, '').trim();
  // A leftover like "。" or "3." carries no instruction.
  return /[\p{L}\p{N}]/u.test(trimmed) ? trimmed : '';
}
