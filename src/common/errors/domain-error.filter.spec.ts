import { ArgumentsHost, BadRequestException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AllErrorsFilter } from './domain-error.filter';
import { DomainError } from './domain.error';
import { ERROR_HTTP_STATUS, ErrorCode } from './error-codes';

function hostCapturing(): {
  host: ArgumentsHost;
  sent: { status?: number; body?: unknown; headers: Record<string, string> };
} {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const response = {
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  return { host, sent };
}

describe(AllErrorsFilter.name, () => {
  const sut = new AllErrorsFilter();
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('should map every domain code through the one table', () => {
    for (const code of Object.values(ErrorCode)) {
      const { host, sent } = hostCapturing();
      sut.catch(new DomainError(code, '中文说明', { field: 'x' }), host);
      expect(sent.status).toBe(ERROR_HTTP_STATUS[code]);
      expect(sent.body).toEqual({
        statusCode: ERROR_HTTP_STATUS[code],
        code,
        message: '中文说明',
        details: { field: 'x' },
      });
    }
  });

  it('should turn a unique violation into 409', () => {
    const { host, sent } = hostCapturing();
    sut.catch(new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: '23505' })), host);
    expect(sent.status).toBe(409);
  });

  it('should turn a transaction that lost a race (deadlock, serialization) into a 409 to retry', () => {
    for (const code of ['40P01', '40001']) {
      const { host, sent } = hostCapturing();
      sut.catch(
        new QueryFailedError('UPDATE', [], Object.assign(new Error('deadlock detected'), { code })),
        host,
      );
      expect(sent.status).toBe(409);
      expect(sent.headers['Retry-After']).toBe('1');
      expect((sent.body as { message: string }).message).toContain('请重试');
    }
  });

  it('should answer 503 in Chinese with Retry-After when PostgreSQL is unreachable or restarting', () => {
    const outages = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new QueryFailedError(
        'SELECT 1',
        [],
        Object.assign(new Error('terminating connection'), { code: '57P01' }),
      ),
      new QueryFailedError(
        'SELECT 1',
        [],
        Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      ),
    ];
    for (const outage of outages) {
      const { host, sent } = hostCapturing();
      sut.catch(outage, host);
      expect(sent.status).toBe(503);
      expect(sent.body).toEqual(expect.objectContaining({ message: '数据库暂时不可用，请稍后重试' }));
      expect(Number(sent.headers['Retry-After'])).toBeGreaterThan(0);
    }
  });

  it('should hide unknown errors behind a generic 500', () => {
    const { host, sent } = hostCapturing();
    sut.catch(new Error('connection string postgres://x:y@z'), host);
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('postgres://');
  });

  it('should keep a validation body that already carries a code', () => {
    const { host, sent } = hostCapturing();
    const body = { statusCode: 400, code: ErrorCode.VALIDATION_FAILED, message: '请求参数有误：q: 过长' };
    sut.catch(new BadRequestException(body), host);
    expect(sent.body).toEqual(body);
  });
});
