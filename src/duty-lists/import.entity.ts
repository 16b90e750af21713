import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ImportStatus } from './import-status';

export interface ImportResult {
  documentId: string;
  townshipId: string;
  township: string;
  documentUnchanged: boolean;
  counts: { basic: number; cooperative: number; withdrawn: number };
  duties: { created: number; updated: number; unchanged: number; retired: number };
  // flagged: the document changed under a person's edit (文件已更新，待复核), no version written.
  templates: { created: number; unchanged: number; flagged: number };
  departments: { created: number };
  warnings: number;
}

export interface ImportFailure {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

// One uploaded document and the background job that imports it (POST /imports). The bytes are kept
// here so any worker process can run the job. CLI imports write no row here: they report on the
// terminal, and importing the seeds at every start must leave every table as it was.
@Entity('imports')
@Check('CHK_imports_status', `"status" IN ('queued', 'running', 'succeeded', 'failed')`)
@Check('CHK_imports_progress', `"progress" BETWEEN 0 AND 100`)
export class ImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: ImportStatus;

  @Column({ type: 'int', default: 0 })
  progress!: number;

  @Column({ type: 'bytea', nullable: true, select: false })
  content!: Buffer | null;

  @Column({ type: 'uuid', nullable: true })
  documentId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: ImportResult | null;

  @Column({ type: 'jsonb', nullable: true })
  failure!: ImportFailure | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
