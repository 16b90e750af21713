import { ApiProperty } from '@nestjs/swagger';
import { StepStatus } from 'src/domain/step-status';
import { UNIT_KINDS, UnitKind } from 'src/notifications/unit-kind';
import { UnitStats } from 'src/supervision/supervision-stats';
import { OverdueItem, OverduePage, SupervisionStats, UnitReturns } from 'src/supervision/supervision.service';

class OverdueCaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '张三 残疾人证申请' }) title!: string;
  @ApiProperty({ example: '张三' }) subject!: string;
}

class OverdueDutyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '残疾人证管理' }) name!: string;
  @ApiProperty({ example: '社会事务' }) category!: string;
}

class OverdueTemplateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 2 }) version!: number;
}

class OverdueStepDto {
  @ApiProperty({ example: 3 }) position!: number;
  @ApiProperty({ enum: ['department', 'township'] }) lane!: UnitKind;
  @ApiProperty({ type: String, nullable: true }) section!: string | null;
  @ApiProperty({ example: '审核申请材料' }) text!: string;
  @ApiProperty({ enum: StepStatus, description: 'ready=待办理，in_progress=办理中' }) status!: string;
}

class OverdueHolderDto {
  @ApiProperty({ enum: UNIT_KINDS }) kind!: UnitKind;
  @ApiProperty({ type: [String], format: 'uuid' }) ids!: string[];
  @ApiProperty({ type: [String], example: ['奇台县残联'] }) names!: string[];
}

class OverdueTownshipDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '三个庄子镇' }) name!: string;
  @ApiProperty({ example: '奇台县' }) county!: string;
}

export class OverdueItemResponseDto {
  @ApiProperty({ format: 'uuid' }) stepId!: string;
  @ApiProperty({ type: OverdueCaseDto }) case!: OverdueCaseDto;
  @ApiProperty({ type: OverdueDutyDto }) duty!: OverdueDutyDto;
  @ApiProperty({ type: OverdueTemplateDto }) template!: OverdueTemplateDto;
  @ApiProperty({ type: OverdueStepDto }) step!: OverdueStepDto;
  @ApiProperty({ type: OverdueHolderDto, description: '承办单位' }) holder!: OverdueHolderDto;
  @ApiProperty({ type: OverdueTownshipDto }) township!: OverdueTownshipDto;
  @ApiProperty({ type: Date, nullable: true, description: '承办单位自何时起办理' }) heldSince!: Date | null;
  @ApiProperty({ example: '2025-10-10' }) dueDate!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ description: '逾期工作日数（按今天的中国日期）', example: 3 }) daysOverdue!: number;
  @ApiProperty({ description: '距应办结日期还剩的工作日数（已逾期为 0）', example: 0 })
  workingDaysLeft!: number;
  @ApiProperty({
    enum: ['red', 'yellow', 'green'],
    description: '红灯=已逾期，黄灯=剩 ≤2 个工作日，绿灯=其余',
  })
  light!: 'red' | 'yellow' | 'green';
  @ApiProperty({ description: '0=未督办，1=单位领导督办，2=县级督办', minimum: 0, maximum: 2 })
  escalationLevel!: number;
}

export class OverduePageResponseDto {
  @ApiProperty({ type: [OverdueItemResponseDto] }) items!: OverdueItemResponseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: '统计时刻' }) asOf!: Date;
  @ApiProperty({ description: '今天（中国日期）', example: '2025-10-15' }) today!: string;
}

class AgingBucketsDto {
  @ApiProperty({ description: '逾期0—2个工作日' }) d0to2!: number;
  @ApiProperty({ description: '逾期3—5个工作日' }) d3to5!: number;
  @ApiProperty({ description: '逾期6—10个工作日' }) d6to10!: number;
  @ApiProperty({ description: '逾期10个工作日以上' }) over10!: number;
}

export class UnitStatsResponseDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ example: '奇台县残联' }) unitName!: string;
  @ApiProperty({ description: '办理中的环节' }) open!: number;
  @ApiProperty({ description: '其中已逾期' }) overdue!: number;
  @ApiProperty({ description: '按期办结' }) completedOnTime!: number;
  @ApiProperty({ description: '逾期办结' }) completedLate!: number;
  @ApiProperty({ type: Number, nullable: true, description: '按期办结率（0—1）' }) onTimeRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '办理用时中位数（工作日）' })
  medianWorkingDays!: number | null;
  @ApiProperty({ type: AgingBucketsDto, description: '当前逾期环节按逾期工作日分段' })
  aging!: AgingBucketsDto;
}

export class UnitStatsWithReturnsResponseDto extends UnitStatsResponseDto {
  @ApiProperty({ description: '本单位环节被退回补正的次数（各环节 returnCount 之和）' }) returns!: number;
  @ApiProperty({ description: '被退回补正过至少一次的环节数' }) returnedSteps!: number;
}

export class ReturnedStepResponseDto {
  @ApiProperty({ format: 'uuid' }) stepId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: '王五 残疾人证管理' }) caseTitle!: string;
  @ApiProperty({ description: '环节内容' }) text!: string;
  @ApiProperty({ enum: ['department', 'township'] }) lane!: string;
  @ApiProperty({ example: 'in_progress' }) status!: string;
  @ApiProperty({ description: '该环节被退回补正的次数' }) returnCount!: number;
}

export class SupervisionStatsResponseDto {
  @ApiProperty({ type: [UnitStatsWithReturnsResponseDto] }) departments!: UnitStatsWithReturnsResponseDto[];
  @ApiProperty({ type: [UnitStatsWithReturnsResponseDto] }) townships!: UnitStatsWithReturnsResponseDto[];
  @ApiProperty({ type: [ReturnedStepResponseDto], description: '被退回补正次数最多的环节（最多 20 个）' })
  mostReturned!: ReturnedStepResponseDto[];
  @ApiProperty() asOf!: Date;
  @ApiProperty({ example: '2025-10-15' }) today!: string;
}

export const EXPORT_FILE_RESPONSE = {
  description: 'xlsx 或 CSV 文件',
  content: {
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
    'text/csv': { schema: { type: 'string', format: 'binary' } },
  },
};

export function toOverdueItemResponse(item: OverdueItem): OverdueItemResponseDto {
  return {
    stepId: item.stepId,
    case: { ...item.case },
    duty: { ...item.duty },
    template: { ...item.template },
    step: { ...item.step },
    holder: { ...item.holder },
    township: { ...item.township },
    heldSince: item.heldSince,
    dueDate: item.dueDate,
    dueAt: item.dueAt,
    daysOverdue: item.daysOverdue,
    workingDaysLeft: item.workingDaysLeft,
    light: item.light,
    escalationLevel: item.escalationLevel,
  };
}

export function toOverduePageResponse(page: OverduePage): OverduePageResponseDto {
  return {
    items: page.items.map(toOverdueItemResponse),
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
    asOf: page.asOf,
    today: page.today,
  };
}

function toUnitStatsResponse(row: UnitStats): UnitStatsResponseDto {
  return {
    unitId: row.unitId,
    unitName: row.unitName,
    open: row.open,
    overdue: row.overdue,
    completedOnTime: row.completedOnTime,
    completedLate: row.completedLate,
    onTimeRate: row.onTimeRate,
    medianWorkingDays: row.medianWorkingDays,
    aging: { ...row.aging },
  };
}

export function toSupervisionStatsResponse(stats: SupervisionStats): SupervisionStatsResponseDto {
  const withReturns = (row: UnitStats & UnitReturns): UnitStatsWithReturnsResponseDto => ({
    ...toUnitStatsResponse(row),
    returns: row.returns,
    returnedSteps: row.returnedSteps,
  });
  return {
    departments: stats.departments.map(withReturns),
    townships: stats.townships.map(withReturns),
    mostReturned: stats.mostReturned.map((step) => ({ ...step })),
    asOf: stats.asOf,
    today: stats.today,
  };
}

class BoardCardDto {
  @ApiProperty({ type: Number, nullable: true, description: '本月（或当前）数值' }) value!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '上月同口径数值；未知时为空' }) lastMonth!:
    number | null;
}

class BoardCardsDto {
  @ApiProperty({ type: BoardCardDto, description: '在办办件' }) openCases!: BoardCardDto;
  @ApiProperty({ type: BoardCardDto, description: '在办环节' }) openSteps!: BoardCardDto;
  @ApiProperty({ type: BoardCardDto, description: '已逾期环节' }) overdueSteps!: BoardCardDto;
  @ApiProperty({ type: BoardCardDto, description: '本月按时办结率（0–1）' }) onTimeRate!: BoardCardDto;
  @ApiProperty({ type: BoardCardDto, description: '平均办理用时（工作日）' })
  averageWorkingDays!: BoardCardDto;
}

class BoardUnitBarDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ example: '奇台县残联' }) unitName!: string;
  @ApiProperty() overdue!: number;
}

class BoardAgingDto {
  @ApiProperty({ example: 'd0to2' }) key!: string;
  @ApiProperty({ example: '0–2 个工作日' }) label!: string;
  @ApiProperty() department!: number;
  @ApiProperty() township!: number;
}

class BoardWeekDto {
  @ApiProperty({ format: 'date' }) weekStart!: string;
  @ApiProperty({ format: 'date' }) weekEnd!: string;
  @ApiProperty({ type: Number, nullable: true, description: '该周末的逾期环节数；无快照时为空' }) overdue!:
    number | null;
  @ApiProperty({ description: '当前周（实时计算）' }) live!: boolean;
}

export class BoardResponseDto {
  @ApiProperty({ type: String, format: 'date-time' }) asOf!: Date;
  @ApiProperty({ format: 'date' }) today!: string;
  @ApiProperty({ example: '2025-10' }) month!: string;
  @ApiProperty({ type: BoardCardsDto }) cards!: BoardCardsDto;
  @ApiProperty({ type: [BoardUnitBarDto] }) byDepartment!: BoardUnitBarDto[];
  @ApiProperty({ type: [BoardUnitBarDto] }) byTownship!: BoardUnitBarDto[];
  @ApiProperty({ type: [BoardAgingDto] }) aging!: BoardAgingDto[];
  @ApiProperty({ type: [BoardWeekDto] }) weekly!: BoardWeekDto[];
}

class NamedOptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '奇台县' }) county!: string;
}

class DutyOptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ format: 'uuid' }) townshipId!: string;
  @ApiProperty() townshipName!: string;
}

export class SupervisionOptionsResponseDto {
  @ApiProperty({ type: [String] }) counties!: string[];
  @ApiProperty({ type: [NamedOptionDto] }) departments!: NamedOptionDto[];
  @ApiProperty({ type: [NamedOptionDto] }) townships!: NamedOptionDto[];
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiProperty({ type: [DutyOptionDto] }) duties!: DutyOptionDto[];
}
