import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class CompleteStepDto {
  @ApiPropertyOptional({ example: '已审核通过，材料齐全', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReturnStepDto {
  @ApiPropertyOptional({ format: 'uuid', description: '退回到哪个环节；不填则退回到本环节的直接前序环节' })
  @IsOptional()
  @IsUUID()
  toStepId?: string;

  @ApiProperty({ example: '材料缺少户口簿复印件，请补齐', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class SkipStepDto {
  @ApiProperty({ example: '申请人已自行提交，无需代办', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ReassignStepDto {
  @ApiProperty({ format: 'uuid', description: '改由哪个部门办理（同一县）' })
  @IsUUID()
  departmentId!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class CommentDto {
  @ApiProperty({ example: '已电话联系申请人，周三补交材料', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  text!: string;
}

export class UrgeStepDto {
  @ApiPropertyOptional({ example: '请于本周五前办结', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ChangeDueDaysDto {
  @ApiProperty({
    minimum: 0,
    maximum: 365,
    description: '该环节的办理期限（工作日），从环节开始计时的那一刻算起',
  })
  @IsInt()
  @Min(0)
  @Max(365)
  dueWorkingDays!: number;

  @ApiProperty({ example: '需等待省级系统开通，延长期限', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
