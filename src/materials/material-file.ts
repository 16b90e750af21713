import { MATERIAL_KIND_LABELS, MaterialKind, detectMaterialKind } from './material-type';

export const MATERIAL_FILE_NAME_MAX = 200;

export interface UploadedFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

export interface AcceptedMaterial {
  fileName: string;
  kind: MaterialKind;
  bytes: Buffer;
}

// Why a file is refused (the file name is quoted in the message by the caller), or what it is.
export function checkMaterialFile(
  file: UploadedFile,
  maxBytes: number,
): AcceptedMaterial | { problem: string } {
  const fileName = cleanFileName(file.originalname);
  if (fileName.length === 0) return { problem: '文件名为空' };
  if (fileName.length > MATERIAL_FILE_NAME_MAX)
    return { problem: `文件名过长（${fileName.length} 个字符，最多 ${MATERIAL_FILE_NAME_MAX} 个）` };
  if ([...fileName].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f))
    return { problem: '文件名含有控制字符' };
  if (file.size === 0 || file.buffer.length === 0) return { problem: '文件是空的（0 字节）' };
  if (file.size > maxBytes)
    return { problem: `文件过大（${formatSize(file.size)}，上限 ${formatSize(maxBytes)}）` };
  const detected = detectMaterialKind(file.buffer);
  if ('refused' in detected) {
    const allowed = Object.values(MATERIAL_KIND_LABELS).join('、');
    return { problem: `按文件内容识别为“${detected.refused}”，只接受 ${allowed}` };
  }
  return { fileName, kind: detected.kind, bytes: file.buffer };
}

// The last path segment, trimmed (some browsers send C:\fakepath\… or folders).
export function cleanFileName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '').trim();
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} 字节`;
}
