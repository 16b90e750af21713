import { DutyListParseError } from 'src/duty-lists/duty-list-parse.error';

const SAVE_AS_UTF8 = '请用记事本或 WPS “另存为” UTF-8 编码的文本文件后重新上传';

/** Turns the uploaded bytes into text, or throws a DutyListParseError naming the line of the first bad byte. */
export function decodeDutyListText(input: Buffer, fileName: string): string {
  if (input.length === 0) {
    throw new DutyListParseError(fileName, 1, '文件为空（0 字节），不是履职事项清单');
  }
  rejectUtf16(input, fileName);
  const nul = input.indexOf(0);
  if (nul >= 0) {
    throw new DutyListParseError(
      fileName,
      lineAt(input, nul),
      `文件含有 NUL 字节，是二进制文件而不是 UTF-8 文本；${SAVE_AS_UTF8}`,
    );
  }
  const bad = firstInvalidUtf8(input);
  if (bad >= 0) {
    const reason = looksLikeGbk(input)
      ? `文件不是 UTF-8 编码，看起来是 GBK/GB18030（简体中文 Windows 的默认编码）；${SAVE_AS_UTF8}`
      : `文件不是有效的 UTF-8 文本（可能是二进制文件或其他编码）；${SAVE_AS_UTF8}`;
    throw new DutyListParseError(fileName, lineAt(input, bad), reason);
  }
  const text = input
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    throw new DutyListParseError(fileName, 1, '文件只有空白字符，没有任何内容');
  }
  return text;
}

function rejectUtf16(input: Buffer, fileName: string): void {
  const le = input[0] === 0xff && input[1] === 0xfe;
  const be = input[0] === 0xfe && input[1] === 0xff;
  if (le || be || looksLikeUtf16WithoutBom(input)) {
    const kind = be ? 'UTF-16BE' : 'UTF-16LE';
    throw new DutyListParseError(fileName, 1, `文件是 ${kind} 编码（Unicode），不是 UTF-8；${SAVE_AS_UTF8}`);
  }
}

// UTF-16 text of mostly ASCII/CJK has NUL in one byte parity far more often than binary data does.
function looksLikeUtf16WithoutBom(input: Buffer): boolean {
  const sample = input.subarray(0, Math.min(input.length, 512));
  if (sample.length < 8) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const half = sample.length / 2;
  return (odd > half * 0.3 && even === 0) || (even > half * 0.3 && odd === 0);
}

function looksLikeGbk(input: Buffer): boolean {
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(input);
    return /[\u4e00-\u9fff]/.test(text);
  } catch {
    return false;
  }
}

/** 1-based line of a byte offset. */
export function lineAt(input: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < input.length; i++) if (input[i] === 0x0a) line++;
  return line;
}

/** Byte offset of the first byte that breaks UTF-8 (overlongs and surrogates included), or -1. */
export function firstInvalidUtf8(input: Buffer): number {
  let i = 0;
  while (i < input.length) {
    const length = sequenceLength(input, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

function sequenceLength(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const [length, min, max] =
    c >= 0xc2 && c <= 0xdf
      ? [2, 0x80, 0xbf]
      : c === 0xe0
        ? [3, 0xa0, 0xbf]
        : c === 0xed
          ? [3, 0x80, 0x9f]
          : c >= 0xe1 && c <= 0xef
            ? [3, 0x80, 0xbf]
            : c === 0xf0
              ? [4, 0x90, 0xbf]
              : c >= 0xf1 && c <= 0xf3
                ? [4, 0x80, 0xbf]
                : c === 0xf4
                  ? [4, 0x80, 0x8f]
                  : [0, 0, 0];
  if (length === 0 || i + length > b.length) return 0;
  if (b[i + 1] < min || b[i + 1] > max) return 0;
  for (let k = 2; k < length; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return 0;
  return length;
}
