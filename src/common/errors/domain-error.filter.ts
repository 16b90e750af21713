import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain.error';
import { ERROR_HTTP_STATUS, ErrorCode } from './error-codes';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
// The transaction lost a race with another one and was rolled back whole (deadlock, serialization):
// nothing was written, so the same request may simply be sent again.
const PG_LOST_RACE = new Set(['40P01', '40001']);

// The one place that turns errors into HTTP: domain codes through ERROR_HTTP_STATUS, Nest's own
// HttpExceptions (validation, 404 routes, 413 uploads) as they are, constraint violations as 409,
// anything else as a logged 500 with a generic message.
@Catch()
export class AllErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllErrorsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (isHealthReport(error)) {
      // Terminus' 503 body says which dependency is down; monitors read it as it is.
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json(error.getResponse());
      return;
    }
    const outage = dependencyOutage(error);
    if (outage) {
      // Not a bug: the outage is logged where it is noticed (once), not with a stack per request.
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json(outage);
      return;
    }
    const body = this.toBody(error);
    const retryAfter = body.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    if (body.statusCode >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : error);
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof DomainError) {
      return {
        statusCode: ERROR_HTTP_STATUS[error.code],
        code: error.code,
        message: error.message,
        details: error.details,
      };
    }
    if (error instanceof HttpException) return fromHttpException(error);
    if (isBodyParserError(error)) return fromBodyParserError(error);
    if (error instanceof QueryFailedError) {
      const driverCode = (error.driverError as { code?: string }).code;
      if (driverCode === PG_UNIQUE_VIOLATION) return conflict('数据已存在或已被他人修改，请刷新后重试');
      if (driverCode === PG_FOREIGN_KEY_VIOLATION)
        return conflict('数据仍被其他记录引用，或引用的记录不存在');
      if (driverCode && PG_LOST_RACE.has(driverCode)) {
        return {
          ...conflict('与同时进行的其他操作冲突，本次未保存任何内容，请重试'),
          details: { retryAfterSeconds: 1 },
        };
      }
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: '服务器内部错误，请稍后重试',
    };
  }
}

const RETRY_AFTER_SECONDS = 5;
// Connection-level failures of PostgreSQL (SQLSTATE class 08, shutdown/starting 57P01–57P03, too many
// connections 53300) and of the network under any driver.
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const PG_UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Driver not Connected',
  'terminating connection',
  'Client has encountered a connection error',
];

// A dependency that is down is the client's cue to retry later: 503 with Retry-After, in Chinese.
function dependencyOutage(error: unknown): ErrorBody | null {
  if (!(error instanceof Error)) return null;
  const cause = error instanceof QueryFailedError ? (error.driverError as Error & { code?: string }) : error;
  const code = (cause as { code?: unknown }).code;
  const pgDown =
    (typeof code === 'string' && (PG_UNAVAILABLE.test(code) || NETWORK_CODES.has(code))) ||
    PG_UNAVAILABLE_MESSAGES.some((text) => cause.message.includes(text));
  if (!pgDown) return null;
  return {
    statusCode: HttpStatus.SERVICE_UNAVAILABLE,
    code: 'DATABASE_UNAVAILABLE',
    message: '数据库暂时不可用，请稍后重试',
    details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
  };
}

function isHealthReport(error: unknown): error is HttpException {
  if (!(error instanceof HttpException) || error.getStatus() !== 503) return false;
  const payload = error.getResponse();
  return typeof payload === 'object' && payload !== null && 'details' in payload && 'status' in payload;
}

// body-parser (JSON and form bodies, before any controller) fails with http-errors objects: a
// client's mistake with its own 4xx status, not a server error.
interface BodyParserError {
  status: number;
  type?: string;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const status = (error as { status?: unknown } | null)?.status;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

function fromBodyParserError(error: BodyParserError): ErrorBody {
  const problem =
    error.type === 'entity.too.large'
      ? `过大（上限 ${error.limit ?? '?'} 字节，解压后计算）`
      : error.type === 'entity.parse.failed'
        ? '不是有效的 JSON'
        : error.type === 'encoding.unsupported' || error.type === 'charset.unsupported'
          ? '的编码不受支持（请用 UTF-8，可 gzip 压缩）'
          : '无法读取';
  return {
    statusCode: error.status,
    code: HTTP_CODES[error.status] ?? 'HTTP_ERROR',
    message: `请求参数有误：请求体（body）${problem}`,
    details: { fields: [{ field: 'body', problems: [problem] }], reason: error.type },
  };
}

function conflict(message: string): ErrorBody {
  return { statusCode: HttpStatus.CONFLICT, code: ErrorCode.CONFLICT, message };
}

function fromHttpException(error: HttpException): ErrorBody {
  const statusCode = error.getStatus();
  const payload = error.getResponse();
  if (typeof payload === 'object' && payload !== null && 'code' in payload) return payload as ErrorBody;
  const message = typeof payload === 'string' ? payload : (payload as { message?: unknown }).message;
  const original = Array.isArray(message)
    ? message.join('；')
    : typeof message === 'string'
      ? message
      : error.message;
  // Framework errors (unknown route, oversized upload, throttling) speak English; clerks get Chinese.
  const chinese = HTTP_MESSAGES[statusCode];
  return {
    statusCode,
    code: HTTP_CODES[statusCode] ?? 'HTTP_ERROR',
    message: chinese ?? original,
    ...(chinese ? { details: { reason: original } } : {}),
  };
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
};

const HTTP_MESSAGES: Record<number, string> = {
  401: '未登录或登录已过期，请重新登录',
  403: '无权执行此操作',
  404: '请求的接口或资源不存在',
  413: '上传文件过大',
  429: '请求过于频繁，请稍后再试',
};
