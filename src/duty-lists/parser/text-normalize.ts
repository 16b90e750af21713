// Chinese characters plus full-width punctuation: PDF/OCR extraction puts stray spaces between these.
const WIDE = '\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef\\u201c\\u201d\\u2018\\u2019';
// ASCII brackets, commas and quotes that OCR left between Chinese characters count as Chinese here.
const JOINS = `${WIDE}(),;:"`;
const WIDE_GAP = new RegExp(
  `([${JOINS}])[ \\t\\u00a0\\u3000]+(?=[${WIDE}])|([${WIDE}])[ \\t\\u00a0\\u3000]+(?=[${JOINS}])`,
  'g',
);
const BLOCK_TAG = /<\/?(?:p|ol|ul|li|br|div|tr|td|table|h\d)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-z][a-z0-9]*\b[^>]*>/gi;

/** Removes spaces that extraction put between two Chinese characters (玛纳斯县应 急管理局 → 玛纳斯县应急管理局). */
export function removeWideGaps(text: string): string {
  return text.replace(
    WIDE_GAP,
    (_gap, before: string | undefined, after: string | undefined) => before ?? after ?? '',
  );
}

/** Collapses runs of whitespace to one space and trims. */
export function collapseSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** A cell as the reader sees it: single spaces, no wide gaps, no markup. */
export function cleanInline(text: string): string {
  return removeWideGaps(collapseSpaces(stripTags(text)));
}

/** Removes every whitespace character (for names, where spaces are never meaningful). */
export function removeAllSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, '');
}

/** Inline markup (<b>, <i>, <span>) disappears; entities are decoded. */
export function stripTags(text: string): string {
  return decodeEntities(text.replace(BLOCK_TAG, ' ').replace(ANY_TAG, ''));
}

/**
 * Splits a cell into paragraphs: block markup (<p>, <li>, <ol>, <br>) and line breaks end a paragraph,
 * inline markup is dropped.
 */
export function toParagraphs(cell: string): string[] {
  const marked = cell.replace(BLOCK_TAG, '\n').replace(ANY_TAG, '');
  return decodeEntities(marked)
    .split('\n')
    .map((p) => collapseSpaces(p))
    .filter((p) => p !== '');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
