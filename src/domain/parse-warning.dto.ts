import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DUTY_LIST_KINDS } from './duty-list-kind';

// The OpenAPI shape of a ParseWarning (vocabulary.ts), shared by the duty lists and the duty lookup.
export class ParseWarningDto {
  @ApiProperty({ example: 'MISSING_DEPARTMENT' })
  code!: string;

  @ApiProperty({ example: 'departments' })
  field!: string;

  @ApiProperty({ example: '配合履职事项序号 8：对应上级部门为空，请人工补录' })
  message!: string;

  @ApiProperty({ description: '源文件行号' })
  line!: number;

  @ApiPropertyOptional({ enum: DUTY_LIST_KINDS })
  list?: string;

  @ApiPropertyOptional({ description: '序号' })
  no?: number;
}
