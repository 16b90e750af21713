import { Controller, Get, HttpCode, HttpStatus, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from 'src/auth/roles.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { UserRole } from 'src/users/user-role';
import { ImportResponseDto, toImportResponse } from './dto/import-response.dto';
import { WarningListDto } from './dto/warning.dto';
import { countRowsToReview } from './review';
import { ImportsService } from './imports.service';

@ApiTags('imports')
@ApiBearerAuth()
@Roles(UserRole.Admin, UserRole.Supervisor)
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @Roles(UserRole.Admin)
  @HttpCode(HttpStatus.ACCEPTED)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: '上传履职事项清单（UTF-8 文本），后台导入；返回导入任务（仅系统管理员）' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiAcceptedResponse({ type: ImportResponseDto })
  async upload(@UploadedFile() file: Express.Multer.File | undefined): Promise<ImportResponseDto> {
    return toImportResponse(
      await this.imports.enqueueUpload(file && { originalName: file.originalname, buffer: file.buffer }),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: '导入任务状态与进度' })
  @ApiOkResponse({ type: ImportResponseDto })
  async get(@UuidParam() id: string): Promise<ImportResponseDto> {
    return toImportResponse(await this.imports.getById(id));
  }

  @Get(':id/warnings')
  @ApiOperation({ summary: '该次导入中需要人工复核的行（数据质量提示）' })
  @ApiOkResponse({ type: WarningListDto })
  async warnings(@UuidParam() id: string): Promise<WarningListDto> {
    const { warnings } = await this.imports.getWarnings(id);
    return { warnings, rowsToReview: countRowsToReview(warnings) };
  }
}
