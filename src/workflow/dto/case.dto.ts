import { PageQueryDto } from 'src/common/validation/page-query.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
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
  @ApiProperty({ format: 'uuid', description: '流程模板（某一版本）ID' })
  @IsUUID()
  templateId!: string;

  @ApiProperty({ example: '张三 残疾人证申请', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '张三', description: '办理对象（如申请人）', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject!: string;

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

export class ListCasesQueryDto extends PageQueryDto {
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

  @ApiPropertyOptional({ description: '标题、办理对象或事项名称关键字' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
