import { isAbsolute, join, relative } from 'node:path';
import { projectRoot } from 'src/common/project-root';

// Where the embedded database lives, and the URL of the one this process opened (set by
// src/database/database-target.ts), so configuration can answer without knowing the database layer.
export function resolveDataDir(configured: string): { path: string; shownAs: string } {
  const path = isAbsolute(configured) ? configured : join(projectRoot(), configured);
  const fromCwd = relative(process.cwd(), path);
  const shownAs =
    fromCwd === '' ? '.' : fromCwd.startsWith('..') || isAbsolute(fromCwd) ? path : `./${fromCwd}`;
  return { path, shownAs };
}

let openedUrl: string | undefined;

export function setOpenedDatabaseUrl(url: string | undefined): void {
  openedUrl = url;
}

export function openedDatabaseUrl(): string {
  if (!openedUrl) throw new Error('openDatabase() must run before the database is used');
  return openedUrl;
}
