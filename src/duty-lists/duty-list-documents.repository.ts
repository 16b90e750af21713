import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DutyListCounts } from './duty-list-document.entity';
import { ParseWarning } from 'src/domain/vocabulary';
import { RowReview } from './review';

export interface DocumentRow {
  id: string;
  townshipId: string;
  townshipName: string;
  county: string;
  fileName: string;
  contentHash: string;
  sizeBytes: number;
  counts: DutyListCounts;
  warningCount: number;
  importedAt: Date;
}

const DOCUMENT_COLUMNS = `d.id, d."townshipId", t.name AS "townshipName", t.county, d."fileName", d."contentHash",
  d."sizeBytes", d.counts, jsonb_array_length(d.warnings) AS "warningCount", d."importedAt"`;

@Injectable()
export class DutyListDocumentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findIdByHash(
    manager: EntityManager,
    townshipId: string,
    contentHash: string,
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM duty_list_documents WHERE "townshipId" = $1 AND "contentHash" = $2`,
      [townshipId, contentHash],
    );
    return rows[0]?.id ?? null;
  }

  async insert(
    manager: EntityManager,
    doc: {
      townshipId: string;
      fileName: string;
      contentHash: string;
      sizeBytes: number;
      counts: DutyListCounts;
      warnings: ParseWarning[];
    },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO duty_list_documents ("townshipId", "fileName", "contentHash", "sizeBytes", counts, warnings)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb) RETURNING id`,
      [
        doc.townshipId,
        doc.fileName,
        doc.contentHash,
        doc.sizeBytes,
        JSON.stringify(doc.counts),
        JSON.stringify(doc.warnings),
      ],
    );
    return rows[0].id;
  }

  list(): Promise<DocumentRow[]> {
    return this.dataSource.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM duty_list_documents d JOIN townships t ON t.id = d."townshipId"
       ORDER BY t.county, t.name, d."importedAt" DESC`,
    );
  }

  async findById(id: string): Promise<DocumentRow | null> {
    const rows: DocumentRow[] = await this.dataSource.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM duty_list_documents d JOIN townships t ON t.id = d."townshipId" WHERE d.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findWarnings(id: string): Promise<ParseWarning[] | null> {
    const rows: { warnings: ParseWarning[] }[] = await this.dataSource.query(
      `SELECT warnings FROM duty_list_documents WHERE id = $1`,
      [id],
    );
    return rows[0]?.warnings ?? null;
  }

  async findReviews(documentId: string): Promise<RowReview[]> {
    return this.dataSource.query(
      `SELECT "rowKey", "reviewedAt", "reviewedByName" FROM duty_list_reviews WHERE "documentId" = $1`,
      [documentId],
    );
  }

  // Records the review once (marking a reviewed row again keeps the first record) and returns it.
  async insertReview(documentId: string, rowKey: string, userId: string): Promise<RowReview> {
    const rows: RowReview[] = await this.dataSource.query(
      `WITH added AS (
         INSERT INTO duty_list_reviews ("documentId", "rowKey", "reviewedBy", "reviewedByName")
         SELECT $1, $2, u.id, u."displayName" FROM users u WHERE u.id = $3
         ON CONFLICT ("documentId", "rowKey") DO NOTHING
         RETURNING "rowKey", "reviewedAt", "reviewedByName")
       SELECT * FROM added
       UNION ALL
       SELECT "rowKey", "reviewedAt", "reviewedByName" FROM duty_list_reviews
       WHERE "documentId" = $1 AND "rowKey" = $2 AND NOT EXISTS (SELECT 1 FROM added)`,
      [documentId, rowKey, userId],
    );
    return rows[0];
  }
}
