// What a file really is, from its bytes (magic numbers and, for ZIP containers, the entries inside),
// never from its name. Allowed: PDF, JPEG, PNG, DOCX, XLSX, OFD (GB/T 33190, the Chinese e-document
// format; a ZIP with OFD.xml at its root). No library detects OFD, so this is a small checked table.

export enum MaterialKind {
  Pdf = 'pdf',
  Jpeg = 'jpeg',
  Png = 'png',
  Docx = 'docx',
  Xlsx = 'xlsx',
  Ofd = 'ofd',
}

export const MATERIAL_MEDIA_TYPES: Record<MaterialKind, string> = {
  [MaterialKind.Pdf]: 'application/pdf',
  [MaterialKind.Jpeg]: 'image/jpeg',
  [MaterialKind.Png]: 'image/png',
  [MaterialKind.Docx]: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  [MaterialKind.Xlsx]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [MaterialKind.Ofd]: 'application/ofd',
};

export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  [MaterialKind.Pdf]: 'PDF',
  [MaterialKind.Jpeg]: 'JPEG 图片',
  [MaterialKind.Png]: 'PNG 图片',
  [MaterialKind.Docx]: 'Word 文档（DOCX）',
  [MaterialKind.Xlsx]: 'Excel 表格（XLSX）',
  [MaterialKind.Ofd]: 'OFD 版式文件',
};

const startsWith = (bytes: Buffer, signature: number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

// Recognisable but refused, to tell the clerk what they actually picked.
const REFUSED: { name: string; signature: number[] }[] = [
  { name: 'Windows 可执行程序（EXE/DLL）', signature: [0x4d, 0x5a] },
  { name: 'Linux 可执行程序（ELF）', signature: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'RAR 压缩包', signature: [0x52, 0x61, 0x72, 0x21] },
  { name: '7z 压缩包', signature: [0x37, 0x7a, 0xbc, 0xaf] },
  { name: '旧版 Office 文档（DOC/XLS），请另存为 DOCX/XLSX', signature: [0xd0, 0xcf, 0x11, 0xe0] },
  { name: 'GIF 图片', signature: [0x47, 0x49, 0x46, 0x38] },
];

export type Detection = { kind: MaterialKind } | { refused: string };

export function detectMaterialKind(bytes: Buffer): Detection {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: MaterialKind.Pdf };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: MaterialKind.Jpeg };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: MaterialKind.Png };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return detectZipContainer(bytes);
  const known = REFUSED.find((entry) => startsWith(bytes, entry.signature));
  return { refused: known ? known.name : '无法识别的文件类型' };
}

function detectZipContainer(bytes: Buffer): Detection {
  const names = zipEntryNames(bytes);
  if (!names) return { refused: '损坏的 ZIP 文件' };
  if (names.includes('OFD.xml')) return { kind: MaterialKind.Ofd };
  if (names.includes('[Content_Types].xml')) {
    if (names.some((name) => name.startsWith('word/'))) return { kind: MaterialKind.Docx };
    if (names.some((name) => name.startsWith('xl/'))) return { kind: MaterialKind.Xlsx };
  }
  return { refused: 'ZIP 压缩包（不是 DOCX、XLSX 或 OFD）' };
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

// Entry names from the ZIP central directory (found through the end-of-central-directory record),
// or null when the structure is broken.
export function zipEntryNames(bytes: Buffer): string[] | null {
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= searchFrom; i -= 1) {
    if (bytes.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_SIGNATURE) return null;
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > bytes.length) return null;
    names.push(bytes.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
