import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class UrgeReplyInputDto {
  @ApiProperty({ example: '材料已补齐，本周四前办结', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note!: string;
}

export class UrgeReplyDto {
  @ApiProperty({ description: '办理记录中的事件编号' })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  repliedBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  repliedByName!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  repliedAt!: Date;
}

export class UrgeDto {
  @ApiProperty({ description: '办理记录中的事件编号' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: '请于本周五前办结' })
  note!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  urgedBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  urgedByName!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  urgedAt!: Date;

  @ApiProperty({ type: [UrgeReplyDto], description: '承办单位的催办反馈' })
  replies!: UrgeReplyDto[];
}
