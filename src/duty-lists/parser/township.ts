import { ParsedTownship } from 'src/domain/vocabulary';
import { DutyListParseError } from 'src/duty-lists/duty-list-parse.error';
import { PREFECTURE_ALIASES } from 'src/duty-lists/parser/department-lexicon';
import { removeAllSpaces } from 'src/duty-lists/parser/text-normalize';

// 新疆维吾尔自治区昌吉回族自治州奇台县三个庄子镇履职事项清单 / 昌吉州奇台县三个庄子镇基本履职事项清单
const TITLE =
  /(?:新疆维吾尔自治区)?([\u4e00-\u9fa5]{2,10}?(?:自治州|州|地区|市|盟))([\u4e00-\u9fa5]{1,6}?[县市区旗])([\u4e00-\u9fa5]{1,8}?(?:镇|乡|街道|苏木))(?:基本|配合|上级部门收回)?履职事项清单/;
const COVER_LINES = 15;

/** The township named in the cover title (possibly over several lines) or, failing that, in a list title. */
export function findTownship(lines: string[], fileName: string): ParsedTownship {
  for (const candidate of titleCandidates(lines)) {
    const match = TITLE.exec(candidate);
    if (match)
      return { prefecture: PREFECTURE_ALIASES[match[1]] ?? match[1], county: match[2], name: match[3] };
  }
  throw new DutyListParseError(
    fileName,
    1,
    '找不到清单标题中的地州、县和乡镇名称（如“昌吉州奇台县三个庄子镇基本履职事项清单”），请确认文件是完整的履职事项清单',
  );
}

// The cover spreads the title over lines (自治州 / 县+镇 / 履职事项清单), so the first lines are read joined.
function* titleCandidates(lines: string[]): Generator<string> {
  const cover = lines
    .filter((line) => line.trim() !== '' && !line.includes('\t'))
    .slice(0, COVER_LINES)
    .map((line) => removeAllSpaces(line.replace(/^\s*#+/, '')));
  for (let i = 0; i < cover.length; i++) yield cover.slice(i, i + 3).join('');
  for (const line of lines)
    if (line.includes('履职事项清单') && !line.includes('\t')) yield removeAllSpaces(line);
}
