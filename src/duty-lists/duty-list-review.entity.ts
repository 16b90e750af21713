import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { DutyListDocumentEntity } from './duty-list-document.entity';

// A flagged row of a document that an admin marked 已复核: who and when (the review's record). One row per
// document row (list + 序号, or the line of a document-level warning); marking it again changes nothing.
@Entity('duty_list_reviews')
@Unique('UQ_duty_list_reviews_document_row', ['documentId', 'rowKey'])
export class DutyListReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => DutyListDocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'documentId' })
  document?: DutyListDocumentEntity;

  // cooperative:8, basic:11 … or line:42 for a warning about the document rather than a row.
  @Column({ type: 'varchar', length: 40 })
  rowKey!: string;

  // No foreign key: the record must outlive the account (as calendar_years.updatedBy).
  @Column({ type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  @Column({ type: 'varchar', length: 100 })
  reviewedByName!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  reviewedAt!: Date;
}
