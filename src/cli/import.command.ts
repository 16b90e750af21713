import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MultiBar, Presets } from 'cli-progress';
import { Command, CommandRunner } from 'nest-commander';
import { CoreModule } from 'src/app.module';
import { prepareOrExit } from 'src/bootstrap/bootstrap';
import { DEFAULT_SEEDS_DIR } from 'src/common/project-root';
import { closeDatabase } from 'src/database/database-target';
import { loadDutyListFiles } from 'src/duty-lists/duty-list-files';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { DutyListsModule } from 'src/duty-lists/duty-lists.module';
import { ImportResult } from 'src/duty-lists/import.entity';
import { failCommand } from './cli-output';

@Module({ imports: [CoreModule, DutyListsModule] })
class ImportContextModule {}

@Command({
  name: 'import',
  arguments: '[paths...]',
  description: '导入履职事项清单（文件或文件夹，默认 seeds/duty-lists），每份文件一个事务，可重复执行',
})
export class ImportCommand extends CommandRunner {
  async run(paths: string[]): Promise<void> {
    try {
      const files = await loadDutyListFiles(paths.length > 0 ? paths : [DEFAULT_SEEDS_DIR()]);
      await prepareOrExit();
      const app = await NestFactory.createApplicationContext(ImportContextModule, {
        logger: ['error', 'warn'],
      });
      try {
        const importer = app.get(DutyListImporter);
        const results = await importWithProgress(importer, files);
        results.forEach((result) => process.stdout.write(`${summary(result)}\n`));
      } finally {
        await app.close();
        await closeDatabase();
      }
    } catch (error) {
      failCommand(error);
    }
  }
}

type Loaded = Awaited<ReturnType<typeof loadDutyListFiles>>;

async function importWithProgress(importer: DutyListImporter, files: Loaded): Promise<ImportResult[]> {
  const bars = new MultiBar(
    {
      format: ' {bar} {percentage}% | {file}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  const results: ImportResult[] = [];
  try {
    for (const file of files) {
      const bar = bars.create(100, 0, { file: file.fileName });
      results.push(
        await importer.importParsed(
          file.parsed,
          { fileName: file.fileName, content: file.content },
          (percent) => {
            bar.update(percent);
          },
        ),
      );
      bar.update(100);
    }
  } finally {
    bars.stop();
  }
  return results;
}

function summary(result: ImportResult): string {
  const { duties, templates, counts } = result;
  return (
    `${result.township}：基本 ${counts.basic} / 配合 ${counts.cooperative} / 收回 ${counts.withdrawn}；` +
    `事项 新增 ${duties.created}、更新 ${duties.updated}、未变 ${duties.unchanged}、停用 ${duties.retired}；` +
    `模板 新版本 ${templates.created}、未变 ${templates.unchanged}；待复核提示 ${result.warnings} 条`
  );
}
