import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsIdentityNumber, IsPhoneNumber } from 'src/common/personal-data/personal-data.validators';
import { CaseFieldType } from './case-fields';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

// 办理对象 as the township clerk enters it when opening a case.
export class ApplicantInputDto {
  @ApiProperty({ example: '张三', maxLength: 50, description: '姓名（或单位名称）' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiPropertyOptional({
    example: '652325198503120024',
    description: '公民身份号码（18 位，按 GB 11643 校验末位校验码）',
  })
  @IsOptional()
  @Transform(trim)
  @IsIdentityNumber()
  idNumber?: string;

  @ApiPropertyOptional({ example: '13912345678', description: '联系电话：手机号或带区号的固定电话' })
  @IsOptional()
  @Transform(trim)
  @IsPhoneNumber()
  phone?: string;

  @ApiPropertyOptional({ example: '三个庄子村', maxLength: 100, description: '所在村（社区）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  village?: string;

  @ApiPropertyOptional({ example: '三个庄子村 3 组 12 号', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: '备注' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  remarks?: string;
}

export class ApplicantResponseDto {
  @ApiProperty({ example: '张三' })
  name!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '6523********0024',
    description: '公民身份号码；无权查看全文时为脱敏值',
  })
  idNumber!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '139****5678',
    description: '联系电话；无权查看全文时为脱敏值',
  })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  village!: string | null;

  @ApiProperty({ type: String, nullable: true })
  address!: string | null;

  @ApiProperty({ type: String, nullable: true })
  remarks!: string | null;

  @ApiProperty({ description: '为 true 时身份证号、电话为脱敏值' })
  masked!: boolean;
}

export class CaseFieldDefinitionDto {
  @ApiProperty({ example: 'disabilityCategory', description: '字段键（英文字母、数字、下划线）' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, {
    message: '字段键应以字母开头，只含字母、数字、下划线，最长 40 位',
  })
  key!: string;

  @ApiProperty({ example: '残疾类别', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  label!: string;

  @ApiProperty({ enum: CaseFieldType, enumName: 'CaseFieldType' })
  @IsIn(Object.values(CaseFieldType))
  type!: CaseFieldType;

  @ApiProperty()
  @IsBoolean()
  required!: boolean;

  @ApiPropertyOptional({ type: [String], description: '选项类字段的可选值' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  options?: string[];
}
