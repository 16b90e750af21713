import { Injectable, Logger } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { DocumentRow, DutyListDocumentsRepository } from './duty-list-documents.repository';
import { ReviewedWarning, reviewRowKey, RowReview, withReviews } from './review';

@Injectable()
export class DutyListsService {
  private readonly logger = new Logger(DutyListsService.name);

  constructor(private readonly documents: DutyListDocumentsRepository) {}

  list(): Promise<DocumentRow[]> {
    return this.documents.list();
  }

  async getById(id: string): Promise<DocumentRow> {
    const found = await this.documents.findById(id);
    if (!found) throw new DomainError(ErrorCode.NOT_FOUND, `清单文件 ${id} 不存在`, { field: 'id' });
    return found;
  }

  async getWarnings(id: string): Promise<ReviewedWarning[]> {
    const warnings = await this.documents.findWarnings(id);
    if (!warnings) throw new DomainError(ErrorCode.NOT_FOUND, `清单文件 ${id} 不存在`, { field: 'id' });
    return withReviews(warnings, await this.documents.findReviews(id));
  }

  // 标记已复核: records who reviewed a flagged row and when (kept; marking it again changes nothing).
  async markReviewed(user: AuthUser, id: string, rowKey: string): Promise<RowReview> {
    const warnings = await this.documents.findWarnings(id);
    if (!warnings) throw new DomainError(ErrorCode.NOT_FOUND, `清单文件 ${id} 不存在`, { field: 'id' });
    if (!warnings.some((warning) => reviewRowKey(warning) === rowKey)) {
      throw new DomainError(ErrorCode.NOT_FOUND, `该清单文件没有需要复核的行“${rowKey}”`, {
        field: 'rowKey',
      });
    }
    const review = await this.documents.insertReview(id, rowKey, user.id);
    this.logger.log({ event: 'duty-list-row-reviewed', documentId: id, rowKey, userId: user.id });
    return review;
  }
}
