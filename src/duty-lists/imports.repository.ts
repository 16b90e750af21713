import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ImportEntity, ImportFailure, ImportResult } from './import.entity';
import { ImportStatus } from './import-status';

export type ImportView = Omit<ImportEntity, 'content'>;

const VIEW_COLUMNS = `id, "fileName", status, progress, "documentId", result, failure, "createdAt", "startedAt", "finishedAt"`;

@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(fileName: string, content: Buffer): Promise<ImportView> {
    const rows: ImportView[] = await this.dataSource.query(
      `INSERT INTO imports ("fileName", status, progress, content) VALUES ($1, $2, 0, $3) RETURNING ${VIEW_COLUMNS}`,
      [fileName, ImportStatus.Queued, content],
    );
    return rows[0];
  }

  async findById(id: string): Promise<ImportView | null> {
    const rows: ImportView[] = await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM imports WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async loadContent(id: string): Promise<{ fileName: string; content: Buffer; status: ImportStatus } | null> {
    const rows: { fileName: string; content: Buffer; status: ImportStatus }[] = await this.dataSource.query(
      `SELECT "fileName", content, status FROM imports WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findUnfinishedIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM imports WHERE status IN ($1, $2) ORDER BY "createdAt"`,
      [ImportStatus.Queued, ImportStatus.Running],
    );
    return rows.map((row) => row.id);
  }

  async markRunning(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE imports SET status = $2, "startedAt" = COALESCE("startedAt", now()), failure = NULL WHERE id = $1`,
      [id, ImportStatus.Running],
    );
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET progress = $2 WHERE id = $1 AND status = $3`, [
      id,
      Math.max(0, Math.min(100, Math.round(progress))),
      ImportStatus.Running,
    ]);
  }

  async markSucceeded(id: string, result: ImportResult): Promise<void> {
    await this.dataSource.query(
      `UPDATE imports SET status = $2, progress = 100, result = $3::jsonb, "documentId" = $4, "finishedAt" = now()
       WHERE id = $1`,
      [id, ImportStatus.Succeeded, JSON.stringify(result), result.documentId],
    );
  }

  async markFailed(id: string, failure: ImportFailure): Promise<void> {
    await this.dataSource.query(
      `UPDATE imports SET status = $2, failure = $3::jsonb, "finishedAt" = now() WHERE id = $1`,
      [id, ImportStatus.Failed, JSON.stringify(failure)],
    );
  }
}
