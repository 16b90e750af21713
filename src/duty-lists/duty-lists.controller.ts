import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from 'src/common/validation/uuid-param';
import {
  DutyListDocumentResponseDto,
  toDutyListDocumentResponse,
} from './dto/duty-list-document-response.dto';
import { WarningListDto } from './dto/warning.dto';
import { DutyListsService } from './duty-lists.service';
import { countRowsToReview } from './review';

@ApiTags('duty-lists')
@ApiBearerAuth()
@Controller('duty-lists')
export class DutyListsController {
  constructor(private readonly dutyLists: DutyListsService) {}

  @Get()
  @ApiOperation({ summary: '已导入的履职事项清单文件（每个乡镇每个版本一行）' })
  @ApiOkResponse({ type: [DutyListDocumentResponseDto] })
  async list(): Promise<DutyListDocumentResponseDto[]> {
    return (await this.dutyLists.list()).map(toDutyListDocumentResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: '一份清单文件的行数与提示数' })
  @ApiOkResponse({ type: DutyListDocumentResponseDto })
  async get(@UuidParam() id: string): Promise<DutyListDocumentResponseDto> {
    return toDutyListDocumentResponse(await this.dutyLists.getById(id));
  }

  @Get(':id/warnings')
  @ApiOperation({ summary: '该清单文件中需要人工复核的行' })
  @ApiOkResponse({ type: WarningListDto })
  async warnings(@UuidParam() id: string): Promise<WarningListDto> {
    const warnings = await this.dutyLists.getWarnings(id);
    return { warnings, rowsToReview: countRowsToReview(warnings) };
  }
}
