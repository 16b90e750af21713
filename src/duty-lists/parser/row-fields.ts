import { ParseWarning } from 'src/domain/vocabulary';
import { checkCategory, damagedNameReason } from 'src/duty-lists/parser/damage-detector';
import { cleanInline, collapseSpaces, stripTags } from 'src/duty-lists/parser/text-normalize';
import { RowRef, rowWarning } from 'src/duty-lists/parser/warnings';

export interface CategoryAndName {
  category: string;
  name: string;
}

/** 事项类别 and 事项名称 of any list, with the warnings a reviewer needs when either is missing or damaged. */
export function readCategoryAndName(
  rawCategory: string | undefined,
  rawName: string | undefined,
  ref: RowRef,
  warnings: ParseWarning[],
): CategoryAndName {
  const category = readCategory(rawCategory ?? '', ref, warnings);
  const name = readName(rawName ?? '', category, ref, warnings);
  return { category, name };
}

function readCategory(raw: string, ref: RowRef, warnings: ParseWarning[]): string {
  const text = cleanInline(raw);
  if (text === '') {
    warnings.push(rowWarning(ref, 'MISSING_CATEGORY', 'category', '事项类别为空，请人工补录'));
    return '';
  }
  const check = checkCategory(text);
  if (check.problem) warnings.push(rowWarning(ref, 'DAMAGED_CATEGORY', 'category', check.problem));
  return check.category;
}

function readName(raw: string, category: string, ref: RowRef, warnings: ParseWarning[]): string {
  const spaced = collapseSpaces(stripTags(raw));
  const name = cleanInline(raw);
  if (name === '') {
    warnings.push(rowWarning(ref, 'MISSING_NAME', 'name', '事项名称为空，请人工补录'));
    return '';
  }
  const reason = damagedNameReason(spaced);
  if (reason) {
    warnings.push(
      rowWarning(ref, 'DAMAGED_NAME', 'name', `事项名称「${name}」疑似识别错误（${reason}），请对照原件核对`),
    );
  } else if (category !== '' && spaced.startsWith(`${category} `)) {
    warnings.push(
      rowWarning(
        ref,
        'DAMAGED_NAME',
        'name',
        `事项名称以事项类别「${category}」开头，可能混入了类别文字，请核对`,
      ),
    );
  }
  return name;
}
