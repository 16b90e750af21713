import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { OverdueExportQueryDto, StatsExportQueryDto } from './dto/supervision-query.dto';
import { ExportFormat, MAX_EXPORT_ROWS, UNIT_KIND_LABELS } from './supervision.constants';
import {
  CONTENT_TYPES,
  ExportFile,
  ExportTable,
  ledgerTitle,
  overdueTable,
  statsTable,
  toCsvBuffer,
  toXlsx,
  UnitStatsRow,
} from './supervision-export';
import { OverdueExport, SupervisionService, SupervisionStats } from './supervision.service';

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
    const file = await render(query.format, [this.overdueSheet(result)]);
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
    const tables = [
      statsTable('县直部门', labelled(stats.departments, 'department')),
      statsTable('乡镇', labelled(stats.townships, 'township')),
    ];
    const file = await render(query.format, tables);
    return {
      ...file,
      fileName: `督办统计_${stats.today}.${query.format}`,
      asciiFileName: `supervision-stats-${stats.today}.${query.format}`,
      total: stats.departments.length + stats.townships.length,
      truncated: false,
    };
  }

  // 导出台账: the overdue steps and the per-unit statistics of the same filter, as a county office
  // files them (xlsx: two sheets with a title row; CSV: the overdue steps).
  async ledger(user: AuthUser, query: OverdueExportQueryDto): Promise<SupervisionExport> {
    const [result, stats] = await Promise.all([
      this.supervision.overdueForExport(user, query),
      this.supervision.stats(user, query),
    ]);
    const overdue = this.overdueSheet(result);
    const tables = query.format === 'xlsx' ? [overdue, this.unitSheet(stats, result.county)] : [overdue];
    const file = await render(query.format, tables);
    const county = result.county ?? '全部县';
    return {
      ...file,
      fileName: `${county}督办台账_${result.today}.${query.format}`,
      asciiFileName: `supervision-ledger-${result.today}.${query.format}`,
      total: result.total,
      truncated: result.truncated,
    };
  }

  private overdueSheet(result: OverdueExport): ExportTable {
    const note = result.truncated
      ? `注：共 ${result.total} 条，仅导出前 ${MAX_EXPORT_ROWS} 条，请缩小筛选范围后分批导出`
      : undefined;
    return overdueTable(result.items, {
      title: ledgerTitle(result.county, '逾期环节台账', result.asOf),
      note,
    });
  }

  private unitSheet(stats: SupervisionStats, county: string | undefined): ExportTable {
    const rows = [...labelled(stats.departments, 'department'), ...labelled(stats.townships, 'township')];
    return statsTable('单位统计', rows, ledgerTitle(county, '督办单位统计', stats.asOf));
  }
}

function labelled(rows: SupervisionStats['departments'], kind: 'department' | 'township'): UnitStatsRow[] {
  return rows.map((row) => ({ ...row, kindLabel: UNIT_KIND_LABELS[kind] }));
}

async function render(format: ExportFormat, tables: ExportTable[]): Promise<Omit<ExportFile, 'fileName'>> {
  const body = format === 'xlsx' ? await toXlsx(tables) : toCsvBuffer(tables);
  return { body, contentType: CONTENT_TYPES[format] };
}
