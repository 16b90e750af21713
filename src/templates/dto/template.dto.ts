import { PageQueryDto } from 'src/common/validation/page-query.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { BooleanQuery } from 'src/common/validation/boolean-query';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class TemplateStepInputDto {
  @ApiProperty({ minimum: 1, description: '环节序号（1 起，模板内唯一；dependsOn 引用它）' })
  @IsInt()
  @Min(1)
  position!: number;

  @ApiProperty({ enum: ['department', 'township'] })
  @IsIn(['department', 'township'])
  lane!: 'department' | 'township';

  @ApiPropertyOptional({ nullable: true, type: String, description: '子流程标题（一、…）' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  section?: string | null;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text!: string;

  @ApiProperty({ type: [String], description: '部门环节的承办部门 ID（乡镇环节留空）' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  assigneeDepartmentIds!: string[];

  @ApiProperty({ type: [Number], description: '前序环节序号' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  dependsOn!: number[];

  @ApiProperty({ minimum: 0, maximum: 365, description: '办理期限（工作日）' })
  @IsInt()
  @Min(0)
  @Max(365)
  dueWorkingDays!: number;

  @ApiProperty({ description: '可选环节可被跳过' })
  @IsBoolean()
  optional!: boolean;

  @ApiPropertyOptional({
    description:
      '常态化职责：不设前序、不作为其他环节的前序，不阻止办结（其余环节办结后记为不适用）。省略时沿用当前版本同序号同内容环节的标记',
  })
  @IsOptional()
  @IsBoolean()
  standing?: boolean;
}

export class UpdateTemplateDto {
  @ApiProperty({ type: [TemplateStepInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TemplateStepInputDto)
  steps!: TemplateStepInputDto[];

  @ApiPropertyOptional({
    description:
      '同时把新期限用于该事项所有未办结办件中尚未办结的同序号环节（已开始的按开始时间重新计算期限）',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  retimeOpenCases?: boolean;
}

export class ResolveDocumentUpdateDto {
  @ApiProperty({
    enum: ['keep', 'adopt'],
    description: 'keep：保留人工修改的版本（不再提示本次文件变更）；adopt：采用文件生成的新版本',
  })
  @IsIn(['keep', 'adopt'])
  action!: 'keep' | 'adopt';
}

export class ListTemplatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '乡镇 ID 或名称' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  township?: string;

  @ApiPropertyOptional({ description: '事项名称关键字' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'true：只列出待复核（未能从文字判断部门与乡镇如何衔接）的模板' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  needsReview?: boolean;

  @ApiPropertyOptional({ description: 'true：只列出“文件已更新，待复核”的模板' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  documentUpdated?: boolean;
}
