import { ApiProperty } from '@nestjs/swagger';
import { ParseWarningDto } from 'src/domain/parse-warning.dto';
import { DUTY_LIST_KINDS } from 'src/domain/duty-list-kind';
import { DutyListKind } from 'src/domain/vocabulary';
import { DutySearchRow } from 'src/duties/duties.repository';
import { Page } from 'src/duties/duties.service';

class DepartmentNameDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '奇台县残联' }) name!: string;
}

export class DutyResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;

  @ApiProperty({
    enum: DUTY_LIST_KINDS,
    description: 'basic=基本履职事项，cooperative=配合履职事项，withdrawn=上级部门收回事项',
  })
  list!: DutyListKind;

  @ApiProperty({ description: '清单中的序号', example: 8 }) no!: number;
  @ApiProperty({ example: '社会事务' }) category!: string;
  @ApiProperty({ example: '残疾人证管理' }) name!: string;
  @ApiProperty({ type: String, nullable: true, description: '收回事项的工作方式' }) method!: string | null;
  @ApiProperty({ description: '有需要人工复核的数据质量提示' }) needsReview!: boolean;
  @ApiProperty({ type: [ParseWarningDto] }) warnings!: ParseWarningDto[];
  @ApiProperty({ format: 'uuid' }) townshipId!: string;
  @ApiProperty({ example: '三个庄子镇' }) townshipName!: string;
  @ApiProperty({ example: '奇台县' }) county!: string;
  @ApiProperty({ type: [DepartmentNameDto], description: '对应上级部门' }) departments!: DepartmentNameDto[];
  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: '最新流程模板（配合履职事项）' })
  templateId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) templateVersion!: number | null;
}

export class DutyPageResponseDto {
  @ApiProperty({ type: [DutyResponseDto] }) items!: DutyResponseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export function toDutyResponse(row: DutySearchRow): DutyResponseDto {
  return {
    id: row.id,
    list: row.list,
    no: row.no,
    category: row.category,
    name: row.name,
    method: row.method,
    needsReview: row.needsReview,
    warnings: row.warnings,
    townshipId: row.townshipId,
    townshipName: row.townshipName,
    county: row.county,
    departments: row.departments,
    templateId: row.templateId,
    templateVersion: row.templateVersion,
  };
}

export function toDutyPageResponse(page: Page<DutySearchRow>): DutyPageResponseDto {
  return { ...page, items: page.items.map(toDutyResponse) };
}
