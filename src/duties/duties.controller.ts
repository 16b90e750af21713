import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DutiesService } from './duties.service';
import { DutyPageResponseDto, toDutyPageResponse } from './dto/duty-response.dto';
import { ListDutiesQueryDto } from './dto/list-duties-query.dto';

@ApiTags('duties')
@ApiBearerAuth()
@Controller('duties')
export class DutiesController {
  constructor(private readonly duties: DutiesService) {}

  @Get()
  @ApiOperation({ summary: '查询事项归属：在三张清单中按名称关键字、乡镇、清单类型查找' })
  @ApiOkResponse({ type: DutyPageResponseDto })
  async search(@Query() query: ListDutiesQueryDto): Promise<DutyPageResponseDto> {
    return toDutyPageResponse(await this.duties.search(query));
  }
}
