import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEEDS_DIR = join(__dirname, '..', '..', 'seeds', 'duty-lists');

// Row counts per document (basic / cooperative / withdrawn), as the issue states them.
export const SEED_COUNTS: Record<
  string,
  { township: string; basic: number; cooperative: number; withdrawn: number }
> = {
  'qitai-sangezhuangzi.txt': { township: '奇台县三个庄子镇', basic: 106, cooperative: 97, withdrawn: 37 },
  'shufu-wukusake.txt': { township: '疏附县吾库萨克镇', basic: 132, cooperative: 103, withdrawn: 47 },
  'mulei-dashitou.txt': { township: '木垒县大石头乡', basic: 105, cooperative: 103, withdrawn: 37 },
  'manas-liuhudi.txt': { township: '玛纳斯县六户地镇', basic: 110, cooperative: 99, withdrawn: 43 },
  'toksun-yilahu.txt': { township: '托克逊县伊拉湖镇', basic: 110, cooperative: 101, withdrawn: 34 },
};

export function readSeed(fileName: string): Buffer {
  return readFileSync(join(SEEDS_DIR, fileName));
}
