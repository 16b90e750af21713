import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/roles.decorator';
import { DoneQueryDto, InboxQueryDto, WorkItemPageDto } from './dto/work-list.dto';
import { WorkListsService } from './work-lists.service';

// A clerk's daily lists (我发起的 is GET /cases?mine=true).
@ApiTags('inbox')
@ApiBearerAuth()
@Controller()
export class InboxController {
  constructor(private readonly lists: WorkListsService) {}

  @Get('inbox')
  @ApiOperation({
    summary:
      '待办：本部门或本乡镇待办理、办理中的环节，按期限由近到远；可按事项、状态、日期筛选，按办理对象姓名或身份证号查找',
  })
  @ApiOkResponse({ type: WorkItemPageDto })
  inbox(@CurrentUser() user: AuthUser, @Query() query: InboxQueryDto): Promise<WorkItemPageDto> {
    return this.lists.inbox(user, query);
  }

  @Get('done')
  @ApiOperation({
    summary: '已办：本单位已办结（或跳过）的环节，最新在前；可按事项、办件状态、办结日期筛选，按办理对象查找',
  })
  @ApiOkResponse({ type: WorkItemPageDto })
  done(@CurrentUser() user: AuthUser, @Query() query: DoneQueryDto): Promise<WorkItemPageDto> {
    return this.lists.done(user, query);
  }
}
