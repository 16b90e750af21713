import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { OverdueExportQueryDto, StatsExportQueryDto } from './dto/supervision-query.dto';
import { ExportFormat, MAX_EXPORT_ROWS } from './supervision.constants';
import {
  CONTENT_TYPES,
  ExportFile,
  ExportTable,
  overdueTable,
  statsTable,
  toCsvBuffer,
  toXlsx,
} from './supervision-export';
import { SupervisionService } from './supervision.service';

export interface SupervisionExport extends ExportFile {
  asciiFileName: string;
  total: number;
  truncated: boolean;
}

// The supervisor views as downloadable files (.xlsx or UTF-8 CSV with BOM).
@Injectable()
export class SupervisionExportService {
  constructor(private readonly supervision: SupervisionService) {}

  async overdue(user: AuthUser, query: OverdueExportQueryDto): Promise<SupervisionExport> {
    const result = await this.supervision.overdueForExport(user, query);
    const note = result.truncated
      ? `注：共 ${result.total} 条，仅导出前 ${MAX_EXPORT_ROWS} 条，请缩小筛选范围后分批导出`
      : undefined;
    const file = await render(query.format, [overdueTable(result.items, note)]);
    return {
      ...file,
      fileName: `逾期环节_${result.today}.${query.format}`,
      asciiFileName: `overdue-steps-${result.today}.${query.format}`,
      total: result.total,
      truncated: result.truncated,
    };
  }

  async stats(user: AuthUser, query: StatsExportQueryDto): Promise<SupervisionExport> {
    const stats = await this.supervision.stats(user, query);
    const tables = [statsTable('县直部门', stats.departments), statsTable('乡镇', stats.townships)];
    const file = await render(query.format, tables);
    return {
      ...file,
      fileName: `督办统计_${stats.today}.${query.format}`,
      asciiFileName: `supervision-stats-${stats.today}.${query.format}`,
      total: stats.departments.length + stats.townships.length,
      truncated: false,
    };
  }
}

async function render(format: ExportFormat, tables: ExportTable[]): Promise<Omit<ExportFile, 'fileName'>> {
  const body = format === 'xlsx' ? await toXlsx(tables) : toCsvBuffer(tables);
  return { body, contentType: CONTENT_TYPES[format] };
}
