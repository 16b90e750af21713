import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Request, Response } from 'express';
import { catchError, concatMap, from, Observable, of, throwError } from 'rxjs';
import { DomainError } from 'src/common/errors/domain.error';
import { ERROR_HTTP_STATUS, ErrorCode } from 'src/common/errors/error-codes';
import { sha256 } from 'src/common/hash';
import { IdempotencyRepository, StoredResponse } from './idempotency.repository';
import { IdempotentRequest, runIdempotent } from './idempotent-work';

const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\w.:-]{8,128}$/;

// POST with an Idempotency-Key header: the first request runs and its answer (success or a 4xx) is
// stored; a repeat with the same key and body gets that answer again and changes nothing. A repeat
// while the first is still running gets 409; the same key with another body or route gets 422.
// The unit of work stores its result with the key in its own transaction (idempotent-work.ts): when
// the answer was lost after the commit, a repeat runs the handler again in replay mode, where the
// work is not redone but answers what committed.
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    // The auth guard's user; only its id keys the replay (common knows nothing else of auth).
    const request = http.getRequest<Request & { user?: { id: string } }>();
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.user) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Idempotency-Key 应为 8–128 位字母、数字或 ._:-', {
        field: 'Idempotency-Key',
      });
    }
    const userId = request.user.id;
    const route = `${request.method} ${request.originalUrl}`;
    const hash = sha256(JSON.stringify([route, request.body ?? null]));
    const response = http.getResponse<Response>();
    return from(this.keys.claim(userId, key, route, hash)).pipe(
      concatMap((claimed) =>
        claimed
          ? this.runFirst(next, response, { userId, key, replay: null })
          : from(this.stored(userId, key, hash)).pipe(
              concatMap((stored) =>
                stored.responseStatus === null
                  ? this.runFirst(next, response, {
                      userId,
                      key,
                      replay: [...(stored.committedResults ?? [])],
                    })
                  : this.replay(stored),
              ),
            ),
      ),
    );
  }

  // Runs the handler (bound to the key's async context, see idempotent-work.ts) and stores its answer.
  private runFirst(next: CallHandler, response: Response, request: IdempotentRequest): Observable<unknown> {
    const { userId, key } = request;
    return runIdempotent(request, () => next.handle()).pipe(
      concatMap(async (body: unknown) => {
        await this.keys.saveResponse(userId, key, response.statusCode, body);
        return body;
      }),
      catchError((error: unknown) =>
        from(this.recordFailure(userId, key, error)).pipe(concatMap(() => throwError(() => error))),
      ),
    );
  }

  // A refused request (4xx) is an answer too and is replayed; anything else frees the key for a retry.
  private async recordFailure(userId: string, key: string, error: unknown): Promise<void> {
    const status =
      error instanceof DomainError
        ? ERROR_HTTP_STATUS[error.code]
        : error instanceof HttpException
          ? error.getStatus()
          : 500;
    if (status >= 400 && status < 500 && error instanceof DomainError) {
      await this.keys.saveResponse(userId, key, status, {
        code: error.code,
        message: error.message,
        details: error.details,
      });
    } else {
      await this.keys.release(userId, key);
    }
  }

  // The key's row for a repeat; throws unless it holds an answer or committed work to replay.
  private async stored(userId: string, key: string, hash: string): Promise<StoredResponse> {
    const stored = await this.keys.find(userId, key);
    if (!stored)
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS,
        '同一 Idempotency-Key 的请求刚刚失败，请重试',
      );
    if (stored.requestHash !== hash) {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        '该 Idempotency-Key 已用于另一个请求，请换一个新的键',
        { field: 'Idempotency-Key' },
      );
    }
    if (stored.responseStatus === null && stored.committedResults === null) {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS,
        '同一 Idempotency-Key 的请求正在处理中，请稍后查询结果',
      );
    }
    return stored;
  }

  private replay(stored: StoredResponse): Observable<unknown> {
    if ((stored.responseStatus ?? 0) >= 400) {
      const body = stored.responseBody as {
        code: ErrorCode;
        message: string;
        details?: Record<string, unknown>;
      };
      return throwError(() => new DomainError(body.code, body.message, body.details));
    }
    return of(stored.responseBody);
  }
}
