import { Body, Controller, Get, Header, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser, Roles } from 'src/auth/roles.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { UserRole } from 'src/users/user-role';
import { ListTemplatesQueryDto, ResolveDocumentUpdateDto, UpdateTemplateDto } from './dto/template.dto';
import {
  TemplateDetailResponseDto,
  TemplatePageResponseDto,
  toTemplateDetailResponse,
  toTemplateResponse,
} from './dto/template-response.dto';
import { TemplatesService } from './templates.service';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: '流程模板（每个配合履职事项的最新版本），按乡镇与名称筛选' })
  @ApiOkResponse({ type: TemplatePageResponseDto })
  async list(@Query() query: ListTemplatesQueryDto): Promise<TemplatePageResponseDto> {
    const page = await this.templates.list(query);
    return { ...page, items: page.items.map(toTemplateResponse) };
  }

  @Get(':id')
  @ApiOperation({ summary: '模板某一版本的环节：泳道、承办单位、子流程、顺序、前序、期限、是否可选' })
  @ApiOkResponse({ type: TemplateDetailResponseDto })
  async get(@UuidParam() id: string): Promise<TemplateDetailResponseDto> {
    return toTemplateDetailResponse(await this.templates.get(id));
  }

  @Put(':id')
  @Roles(UserRole.Admin, UserRole.Supervisor)
  @ApiOperation({ summary: '保存为新版本（调整顺序、前序、期限、承办部门、可选）；已开办件仍按原版本办理' })
  @ApiOkResponse({ type: TemplateDetailResponseDto })
  async update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: UpdateTemplateDto,
  ): Promise<TemplateDetailResponseDto> {
    return toTemplateDetailResponse(await this.templates.saveNewVersion(user, id, body));
  }

  @Post(':id/document-update')
  @HttpCode(200)
  @Roles(UserRole.Admin, UserRole.Supervisor)
  @ApiOperation({
    summary: '处理“文件已更新，待复核”：保留人工修改的版本（keep）或采用文件生成的新版本（adopt）',
  })
  @ApiOkResponse({ type: TemplateDetailResponseDto })
  async resolveDocumentUpdate(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: ResolveDocumentUpdateDto,
  ): Promise<TemplateDetailResponseDto> {
    return toTemplateDetailResponse(await this.templates.resolveDocumentUpdate(user, id, body));
  }

  @Get(':id/bpmn')
  @ApiProduces('application/xml')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @ApiOperation({ summary: '导出 BPMN 2.0 XML（每个承办单位一条泳道，前序关系为顺序流与网关）' })
  @ApiOkResponse({
    description: 'BPMN 2.0 XML 文件',
    content: { 'application/xml': { schema: { type: 'string', format: 'binary' } } },
  })
  async bpmn(@UuidParam() id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { fileName, xml } = await this.templates.exportBpmn(id);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    return xml;
  }
}
