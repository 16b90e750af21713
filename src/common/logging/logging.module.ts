import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { levels, LevelWithSilent } from 'pino';
import { AppConfigService } from 'src/config/app-config.service';

const REQUEST_ID_HEADER = 'x-request-id';

// A caller-supplied X-Request-Id is kept (so a trace crosses services); otherwise one is made.
// It is echoed back in the response and stamped on every log line of the request.
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

// Whether a successful request's "request completed" line is written at this level.
export function writesRequestLines(level: LevelWithSilent): boolean {
  return level !== 'silent' && levels.values[level] <= levels.values.info;
}

// pino-http serialises the whole request into a child logger for every request, even when nothing
// will be written. At warn and above only failures are written, so each request then gets a child
// carrying just its id, and the request is serialised only into a failure's own line.
function quietRequestLogging(level: LevelWithSilent): object {
  if (writesRequestLines(level)) return {};
  return {
    quietReqLogger: true,
    quietResLogger: true,
    customErrorObject: (req: IncomingMessage, _res: ServerResponse, _error: Error, value: object) => ({
      ...value,
      req,
    }),
  };
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: requestId,
          // Fixed bindings of the root logger rather than per-request customProps (one child less per request).
          base: { pid: process.pid, hostname: hostname(), service: 'dutyflow' },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health/live' },
          ...quietRequestLogging(config.logLevel),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
