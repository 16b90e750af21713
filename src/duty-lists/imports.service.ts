import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { addOrRevive, FixedIdJob } from 'src/queue/add-or-revive';
import { withTimeout } from 'src/common/with-timeout';
import { ENQUEUE_TIMEOUT_MS, ImportDutyListJobData, JobName, QueueName } from 'src/queue/queue.constants';
import { DutyListDocumentsRepository } from './duty-list-documents.repository';
import { DutyListImporter } from './duty-list.importer';
import { parseDutyListInThread } from './parser/parse-in-thread';
import { ImportsRepository, ImportView } from './imports.repository';
import { ImportStatus } from './import-status';
import { ReviewedWarning, warningSources, withReviews } from './review';

// imports."fileName" and duty_list_documents."fileName" are varchar(255).
const MAX_FILE_NAME_LENGTH = 255;

export interface UploadedDutyList {
  originalName: string;
  buffer: Buffer;
}

@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly imports: ImportsRepository,
    private readonly documents: DutyListDocumentsRepository,
    private readonly importer: DutyListImporter,
    @InjectQueue(QueueName.Imports) private readonly queue: Queue,
  ) {}

  // A file that is not a duty list is refused now (422 naming file and line) rather than as a failed
  // job later; a good file is stored and imported by a worker.
  async enqueueUpload(file: UploadedDutyList | undefined): Promise<ImportView> {
    if (!file || file.buffer.length === 0) {
      throw new DomainError(
        ErrorCode.UPLOAD_MISSING,
        '请在表单字段 file 中上传履职事项清单文件（UTF-8 文本）',
        { field: 'file' },
      );
    }
    const fileName = decodeFileName(file.originalName);
    if (fileName.length > MAX_FILE_NAME_LENGTH) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `请求参数有误：file 的文件名过长（最多 ${MAX_FILE_NAME_LENGTH} 个字符）`,
        { fields: [{ field: 'file', problems: [`文件名最多 ${MAX_FILE_NAME_LENGTH} 个字符`] }] },
      );
    }
    await parseDutyListInThread(file.buffer, fileName);
    const created = await this.imports.create(fileName, file.buffer);
    // Should Redis refuse, hang or this process die right here, the row stays 'queued' and the
    // revival job (requeueUnfinished, every minute) enqueues it again; the jobId keeps that single.
    await this.enqueue(created.id).catch((error: unknown) =>
      this.logger.warn(`import ${created.id} stored but not queued yet: ${String(error)}`),
    );
    return created;
  }

  // Worker start-up and every JOB_REVIVAL_EVERY_MS: every import the database still shows as
  // unfinished gets its job — added when Redis lost it, revived when it ran out of attempts.
  async requeueUnfinished(): Promise<number> {
    const ids = await this.imports.findUnfinishedIds();
    if (ids.length > 0) await addOrRevive(this.queue, ids.map(importJob));
    return ids.length;
  }

  private async enqueue(importId: string): Promise<void> {
    const { name, data, opts } = importJob(importId);
    await withTimeout(this.queue.add(name, data, opts), ENQUEUE_TIMEOUT_MS, 'queueing the import');
  }

  async getById(id: string): Promise<ImportView> {
    const found = await this.imports.findById(id);
    if (!found) throw new DomainError(ErrorCode.IMPORT_NOT_FOUND, `导入任务 ${id} 不存在`, { field: 'id' });
    return found;
  }

  // The review list of this import's document, each warning with the line and raw cell of the uploaded
  // file it came from.
  async getWarnings(
    id: string,
  ): Promise<{ importId: string; status: ImportStatus; warnings: ReviewedWarning[] }> {
    const run = await this.getById(id);
    if (!run.documentId) return { importId: id, status: run.status, warnings: [] };
    const [warnings, reviews, stored] = await Promise.all([
      this.documents.findWarnings(run.documentId),
      this.documents.findReviews(run.documentId),
      this.imports.loadContent(id),
    ]);
    const found = warnings ?? [];
    const sources = stored ? warningSources(stored.content, stored.fileName, found) : undefined;
    return { importId: id, status: run.status, warnings: withReviews(found, reviews, sources) };
  }

  // Called by the worker. Safe to retry: the importer is idempotent and a finished run is left alone.
  async run(importId: string, reportProgress: (percent: number) => Promise<void>): Promise<void> {
    const stored = await this.imports.loadContent(importId);
    if (!stored) throw new DomainError(ErrorCode.IMPORT_NOT_FOUND, `导入任务 ${importId} 不存在`);
    if (stored.status === ImportStatus.Succeeded) return;
    await this.imports.markRunning(importId);
    try {
      const result = await this.importer.importFile(stored.content, stored.fileName, async (percent) => {
        await this.imports.setProgress(importId, percent);
        await reportProgress(percent);
      });
      await this.imports.markSucceeded(importId, result);
    } catch (error) {
      this.logger.warn(
        `import ${importId} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      // The document is wrong: a final answer. Infrastructure trouble: the row stays unfinished and
      // BullMQ retries; after the last attempt the revival job brings it back.
      if (!(error instanceof DomainError)) throw error;
      await this.imports.markFailed(importId, {
        code: error.code,
        message: error.message,
        details: error.details,
      });
    }
  }
}

function importJob(importId: string): FixedIdJob {
  const data: ImportDutyListJobData = { importId };
  return { name: JobName.ImportDutyList, data, opts: { jobId: `import-${importId}` } };
}

// Multer hands over multipart file names as latin1; browsers send UTF-8 bytes (中文文件名).
function decodeFileName(name: string): string {
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}
