import {
  Body,
  Controller,
  Get,
  Header,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from 'src/auth/auth-user';
import { CurrentUser } from 'src/auth/roles.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { IsOptional, IsUUID } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { MaterialResponseDto, toMaterialResponse } from './material.dto';
import { MaterialUploadInterceptor } from './material-upload.interceptor';
import { MaterialsService } from './materials.service';

export class UploadMaterialDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: '附于本办件的哪个环节（办结材料、补正材料）；不填为办件材料',
  })
  @IsOptional()
  @IsUUID()
  stepId?: string;
}

@ApiTags('materials')
@ApiBearerAuth()
@Controller()
export class MaterialsController {
  constructor(private readonly materials: MaterialsService) {}

  @Post('cases/:id/materials')
  @UseInterceptors(MaterialUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'PDF、JPEG、PNG、DOCX、XLSX 或 OFD，按内容识别',
        },
        stepId: { type: 'string', format: 'uuid', description: '附于哪个环节（可选）' },
      },
    },
  })
  @ApiOperation({ summary: '上传附件（材料）：按内容识别类型，单个文件有大小上限；被拒绝时不写入任何数据' })
  @ApiCreatedResponse({ type: MaterialResponseDto })
  async upload(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: UploadMaterialDto,
  ): Promise<MaterialResponseDto> {
    return toMaterialResponse(await this.materials.upload(user, id, file, body.stepId));
  }

  @Get('cases/:id/materials')
  @ApiOperation({ summary: '办件的附件列表（上传人、时间、大小、SHA-256）' })
  @ApiOkResponse({ type: [MaterialResponseDto] })
  async list(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<MaterialResponseDto[]> {
    return (await this.materials.list(user, id)).map(toMaterialResponse);
  }

  @Get('materials/:id/content')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: '下载附件（可查看该办件的人员），记入办理记录' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.materials.download(user, id);
    response.setHeader('Content-Disposition', contentDisposition(file.fileName));
    return new StreamableFile(file.bytes, { type: file.mediaType, length: file.bytes.length });
  }
}

// RFC 6266: an ASCII fallback plus the UTF-8 name (中文文件名) in filename*.
function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
