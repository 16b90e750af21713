import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, CommandRunner } from 'nest-commander';
import { parseDutyList } from 'src/duty-lists/duty-list.parser';
import { failCommand } from './cli-output';

// Pure: reads one file and prints the parsed document as one JSON document. No database, no Redis.
@Command({ name: 'parse', arguments: '<file>', description: '解析一份履职事项清单并输出 JSON（不写数据库）' })
export class ParseCommand extends CommandRunner {
  async run([file]: string[]): Promise<void> {
    try {
      const content = await readFile(file).catch(() => {
        throw new Error(`文件不存在或无法读取：${file}`);
      });
      const parsed = parseDutyList(content, basename(file));
      process.stdout.write(`${JSON.stringify(parsed, null, 2)}\n`);
    } catch (error) {
      failCommand(error);
    }
  }
}
