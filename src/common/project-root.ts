import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The folder with package.json, whether running from src/ (ts-node, Jest) or dist/src/ (built).
export function projectRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const DEFAULT_SEEDS_DIR = (): string => join(projectRoot(), 'seeds', 'duty-lists');
