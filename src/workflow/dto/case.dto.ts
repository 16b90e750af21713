import { WorkListQueryDto } from 'src/workflow/dto/work-list-query.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApplicantInputDto } from 'src/applicants/applicant.dto';
import { CaseStatus } from 'src/workflow/case-status';

export class StepDueDaysDto {
  @ApiProperty({ minimum: 1, description: '模板中的环节序号' })
  @IsInt()
  @Min(1)
  position!: number;

  @ApiProperty({ minimum: 0, maximum: 365, description: '本办件中该环节的办理期限（工作日）' })
  @IsInt()
  @Min(0)
  @Max(365)
  dueWorkingDays!: number;
}

export class CreateCaseDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: '流程模板（某一版本）ID；必须是该事项的最新版本，旧版本返回 409。与 dutyId 至少填一项',
  })
  @IsOptional()
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: '履职事项 ID：总是按该事项流程模板的最新版本开办（同时填 templateId 时须属于该事项）',
  })
  @IsOptional()
  @IsUUID()
  dutyId?: string;

  @ApiPropertyOptional({
    example: '张三 残疾人证管理',
    maxLength: 200,
    description: '标题；不填则为“办理对象 + 事项名称”',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ type: ApplicantInputDto, description: '办理对象（姓名必填，其余按需填写）' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantInputDto)
  applicant?: ApplicantInputDto;

  @ApiPropertyOptional({
    example: '张三',
    maxLength: 50,
    description: '旧写法：只有办理对象姓名时可只填此项；填了 applicant 则不用',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  subject?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: '流程模板声明的附加字段的值（键为字段键）',
    example: { disabilityCategory: '肢体' },
  })
  @IsOptional()
  @IsObject()
  extraFields?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: [String],
    description: '只办理这些子流程（模板中的“一、…”标题）；不填则全部办理',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  sections?: string[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ type: [StepDueDaysDto], description: '本办件中个别环节的期限（覆盖模板默认值）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => StepDueDaysDto)
  stepDueDays?: StepDueDaysDto[];
}

export class CancelCaseDto {
  @ApiProperty({ example: '申请人撤回申请', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ListCasesQueryDto extends WorkListQueryDto {
  @ApiPropertyOptional({ enum: CaseStatus })
  @IsOptional()
  @IsIn(Object.values(CaseStatus))
  status?: CaseStatus;

  @ApiPropertyOptional({ format: 'uuid', description: '乡镇 ID' })
  @IsOptional()
  @IsUUID()
  township?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '模板 ID（含该事项的所有版本）' })
  @IsOptional()
  @IsUUID()
  template?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '承办部门 ID' })
  @IsOptional()
  @IsUUID()
  department?: string;

  @ApiPropertyOptional({ description: 'true：只列我发起的办件（我发起的）' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  mine?: boolean;
}
