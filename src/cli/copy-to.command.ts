import { Command, CommandRunner } from 'nest-commander';
import { prepareOrExit } from 'src/bootstrap/bootstrap';
import { copyDatabase } from 'src/database/copy-database';
import { closeDatabase, openedDatabase } from 'src/database/database-target';
import { failCommand } from './cli-output';

// Moving from the embedded database to a PostgreSQL server: stop the service, run this with the
// embedded settings (no DATABASE_URL), then start with DATABASE_URL and REDIS_URL.
@Command({
  name: 'copy-to',
  arguments: '<postgres-url>',
  description:
    '把本实例的全部数据复制到另一个（空的）PostgreSQL 数据库，用于从内置数据库迁往服务器；请先停止服务',
})
export class CopyToCommand extends CommandRunner {
  async run([targetUrl]: string[]): Promise<void> {
    try {
      if (!/^postgres(ql)?:\/\/.+/.test(targetUrl ?? ''))
        throw new Error('目标地址应形如 postgres://user:password@host:5432/dbname');
      await prepareOrExit();
      try {
        const copied = await copyDatabase(openedDatabase().url, targetUrl);
        for (const { table, rows } of copied) process.stdout.write(`${table}\t${rows}\n`);
        const total = copied.reduce((sum, table) => sum + table.rows, 0);
        process.stdout.write(`已复制 ${copied.length} 张表，共 ${total} 行\n`);
      } finally {
        await closeDatabase();
      }
    } catch (error) {
      failCommand(error);
    }
  }
}
