import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { OrganizationsRepository } from 'src/organizations/organizations.repository';
import { DutiesRepository, DutySearchRow } from './duties.repository';
import { ListDutiesQueryDto } from './dto/list-duties-query.dto';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

@Injectable()
export class DutiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly duties: DutiesRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  // "Whose duty is this?" across the three lists of every township (or one).
  async search(query: ListDutiesQueryDto): Promise<Page<DutySearchRow>> {
    const townshipId = query.township ? await this.resolveTownship(query.township) : undefined;
    const { rows, total } = await this.duties.search({
      q: query.q?.trim() || undefined,
      townshipId,
      list: query.list,
      needsReview: query.needsReview,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows, total, page: query.page, pageSize: query.pageSize };
  }

  private async resolveTownship(idOrName: string): Promise<string> {
    const township = await this.organizations.findTownship(this.dataSource.manager, idOrName.trim());
    if (!township) {
      throw new DomainError(ErrorCode.TOWNSHIP_NOT_FOUND, `乡镇“${idOrName}”不存在，请检查 township 参数`, {
        field: 'township',
      });
    }
    return township.id;
  }
}
