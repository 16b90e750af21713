import { Command, CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';
import { prepareOrExit } from 'src/bootstrap/bootstrap';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { closeDatabase, openedDatabase } from 'src/database/database-target';
import { runMigrationsLocked } from 'src/database/migration-lock';
import { failCommand } from './cli-output';

@Command({ name: 'migrate', description: '执行数据库迁移（持有咨询锁，多进程安全）' })
export class MigrateCommand extends CommandRunner {
  async run(): Promise<void> {
    try {
      await prepareOrExit();
      const dataSource = await new DataSource(buildDataSourceOptions(openedDatabase().url)).initialize();
      try {
        const applied = await runMigrationsLocked(dataSource);
        process.stdout.write(`migrations applied: ${applied}\n`);
      } finally {
        await dataSource.destroy();
        await closeDatabase();
      }
    } catch (error) {
      failCommand(error);
    }
  }
}
