import { Writable } from 'node:stream';
import pino from 'pino';
import { maskLogArguments, maskRequest } from './logging.module';

describe('log masking', () => {
  it('should mask identity numbers and mobiles in request URLs, queries and messages', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ serializers: { req: maskRequest }, hooks: { logMethod: maskLogArguments } }, sink);
    logger.info(
      { req: { method: 'GET', url: '/cases?q=652325198503120024', query: { q: '652325198503120024' } } },
      'request completed',
    );
    logger.warn('申请人电话 13912345678 身份证 11010519491231002X');
    const output = lines.join('');
    expect(output).toContain('6523********0024');
    expect(output).toContain('139****5678');
    expect(output).toContain('1101********002X');
    expect(output).not.toContain('652325198503120024');
    expect(output).not.toContain('13912345678');
  });
});
