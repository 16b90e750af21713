import { Command, CommandRunner, Option } from 'nest-commander';
import {
  closeOnSignals,
  createApi,
  createWorker,
  exitWithLine,
  listen,
  prepareOrExit,
} from 'src/bootstrap/bootstrap';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { DEFAULT_SEEDS_DIR } from 'src/common/project-root';
import { loadDutyListFiles } from 'src/duty-lists/duty-list-files';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';

interface ServeOptions {
  withWorker?: boolean;
  importSeeds?: boolean;
}

// One command for a single machine: migrate (at start), import the seed documents (idempotent),
// serve the API and, with --with-worker, run the queue workers in the same process.
@Command({ name: 'serve', description: '启动 API（可同时启动队列 worker 并导入种子清单）' })
export class ServeCommand extends CommandRunner {
  async run(_: string[], options: ServeOptions): Promise<void> {
    try {
      const env = await prepareOrExit('service');
      const seeds = options.importSeeds ? await loadDutyListFiles([DEFAULT_SEEDS_DIR()]) : [];
      const app = await createApi();
      if (options.importSeeds) await app.get(CalendarSeeder).seedFromFile();
      const importer = app.get(DutyListImporter);
      // Seeds go in before the port opens, so the first request already sees them (the importer logs each).
      for (const file of seeds) {
        await importer.importParsed(file.parsed, { fileName: file.fileName, content: file.content });
      }
      const worker = options.withWorker ? await createWorker() : undefined;
      closeOnSignals(worker ? [worker, app] : [app]);
      await listen(app, env);
    } catch (error) {
      exitWithLine(error);
    }
  }

  @Option({ flags: '--with-worker', description: '在同一进程中运行队列 worker' })
  parseWithWorker(): boolean {
    return true;
  }

  @Option({
    flags: '--import-seeds',
    description: '启动时导入 seeds/ 中的清单与节假日安排（可重复执行；不覆盖管理员修改过的年份）',
  })
  parseImportSeeds(): boolean {
    return true;
  }
}
