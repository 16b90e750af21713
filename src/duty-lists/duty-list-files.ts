import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { parseDutyList } from './duty-list.parser';
import { ParsedDutyList } from './duty-list.types';

export interface LoadedDutyList {
  path: string;
  fileName: string;
  content: Buffer;
  parsed: ParsedDutyList;
}

// Files (or every .txt in the given folders), read and parsed. All parse before anything is written,
// so one bad file stops the whole run with nothing imported.
export async function loadDutyListFiles(paths: string[]): Promise<LoadedDutyList[]> {
  const files = (await Promise.all(paths.map(expand))).flat();
  if (files.length === 0) {
    throw new DomainError(
      ErrorCode.NOT_FOUND,
      `没有找到清单文件：${paths.join('、')}（需要 .txt 文件或包含 .txt 的文件夹）`,
    );
  }
  const loaded: LoadedDutyList[] = [];
  for (const path of files) {
    const content = await readFile(path);
    loaded.push({ path, fileName: basename(path), content, parsed: parseDutyList(content, basename(path)) });
  }
  return loaded;
}

async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new DomainError(ErrorCode.NOT_FOUND, `文件或文件夹不存在：${path}`);
  if (info.isFile()) return [path];
  const names = (await readdir(path)).filter((name) => name.endsWith('.txt')).sort();
  return names.map((name) => join(path, name));
}
