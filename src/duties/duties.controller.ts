import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DutySearchRow } from './duties.repository';
import { DutiesService, Page } from './duties.service';
import { ListDutiesQueryDto } from './dto/list-duties-query.dto';

@ApiTags('duties')
@ApiBearerAuth()
@Controller('duties')
export class DutiesController {
  constructor(private readonly duties: DutiesService) {}

  @Get()
  @ApiOperation({ summary: '查询事项归属：在三张清单中按名称关键字、乡镇、清单类型查找' })
  search(@Query() query: ListDutiesQueryDto): Promise<Page<DutySearchRow>> {
    return this.duties.search(query);
  }
}
