import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Request, RequestHandler, Response } from 'express';
import multer, { memoryStorage, MulterError } from 'multer';
import { Observable } from 'rxjs';
import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { AppConfigService } from 'src/config/app-config.service';
import { formatSize } from './material-file';

type UploadRequest = Request & { materialFileName?: string };

// Parses one multipart `file` (UTF-8 file names, at most MATERIAL_MAX_BYTES) and turns multer's
// English errors into Chinese ones that name the file; nothing is stored before the service accepts it.
@Injectable()
export class MaterialUploadInterceptor implements NestInterceptor {
  private readonly upload: RequestHandler;
  private readonly maxBytes: number;

  constructor(config: AppConfigService) {
    this.maxBytes = config.materialMaxBytes;
    this.upload = multer({
      storage: memoryStorage(),
      limits: { fileSize: this.maxBytes, files: 1, fields: 5 },
      defParamCharset: 'utf8',
      fileFilter: (req, file, accept) => {
        (req as UploadRequest).materialFileName = file.originalname;
        accept(null, true);
      },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<UploadRequest>();
    await new Promise<void>((resolve, reject) => {
      this.upload(request, http.getResponse<Response>(), (error: unknown) =>
        error ? reject(this.toDomainError(error, request.materialFileName)) : resolve(),
      );
    });
    return next.handle();
  }

  private toDomainError(error: unknown, fileName: string | undefined): Error {
    if (!(error instanceof MulterError)) return error instanceof Error ? error : new Error(String(error));
    const name = fileName ? `“${fileName.slice(0, 100)}”` : '';
    if (error.code === 'LIMIT_FILE_SIZE')
      return new DomainError(
        ErrorCode.MATERIAL_TOO_LARGE,
        `附件${name}不能上传：文件过大（上限 ${formatSize(this.maxBytes)}）`,
        { field: 'file', fileName: fileName ?? null, maxBytes: this.maxBytes },
      );
    return new DomainError(
      ErrorCode.UPLOAD_MISSING,
      `上传格式有误：请用 multipart/form-data 的 file 字段上传一个文件（${error.code}）`,
      { field: error.field ?? 'file' },
    );
  }
}
