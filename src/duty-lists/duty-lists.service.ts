import { Injectable } from '@nestjs/common';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { DocumentRow, DutyListDocumentsRepository } from './duty-list-documents.repository';
import { ParseWarning } from 'src/domain/vocabulary';

@Injectable()
export class DutyListsService {
  constructor(private readonly documents: DutyListDocumentsRepository) {}

  list(): Promise<DocumentRow[]> {
    return this.documents.list();
  }

  async getById(id: string): Promise<DocumentRow> {
    const found = await this.documents.findById(id);
    if (!found) throw new DomainError(ErrorCode.NOT_FOUND, `清单文件 ${id} 不存在`, { field: 'id' });
    return found;
  }

  async getWarnings(id: string): Promise<ParseWarning[]> {
    const warnings = await this.documents.findWarnings(id);
    if (!warnings) throw new DomainError(ErrorCode.NOT_FOUND, `清单文件 ${id} 不存在`, { field: 'id' });
    return warnings;
  }
}
