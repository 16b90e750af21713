import { parentPort } from 'node:worker_threads';
import { DomainError } from 'src/common/errors/domain.error';
import { parseDutyList } from 'src/duty-lists/duty-list.parser';
import { ParseInThreadReply, ParseInThreadRequest } from './parse-in-thread';

// Runs in the parser thread (see parse-in-thread.ts): parses each document it is sent, one at a time.
parentPort?.on('message', ({ id, content, fileName }: ParseInThreadRequest) => {
  let reply: ParseInThreadReply;
  try {
    reply = { id, parsed: parseDutyList(Buffer.from(content), fileName) };
  } catch (error) {
    reply =
      error instanceof DomainError
        ? { id, refused: { code: error.code, message: error.message, details: error.details ?? {} } }
        : { id, failed: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});
