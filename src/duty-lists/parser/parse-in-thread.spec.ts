import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DutyListParseError, parseDutyList } from 'src/duty-lists/duty-list.parser';
import { parseDutyListInThread, stopParserThread } from './parse-in-thread';

const SEED = join(__dirname, '..', '..', '..', 'seeds', 'duty-lists', 'qitai-sangezhuangzi.txt');

describe(parseDutyListInThread.name, () => {
  afterAll(() => stopParserThread());

  it('should answer what the pure parser answers', async () => {
    const content = readFileSync(SEED);
    expect(await parseDutyListInThread(content, 'qitai.txt')).toEqual(parseDutyList(content, 'qitai.txt'));
  });

  it('should refuse a broken document with the same 422 error naming file and line', async () => {
    const cut = readFileSync(SEED).subarray(0, 4000);
    const refusal = parseDutyListInThread(cut, 'cut.txt');
    await expect(refusal).rejects.toBeInstanceOf(DutyListParseError);
    await expect(refusal).rejects.toMatchObject({ details: { file: 'cut.txt' } });
  });

  it('should leave the event loop free while a large document parses', async () => {
    const big = largeDocument(2_000_000);
    const order: string[] = [];
    const parsing = parseDutyListInThread(big, 'big.txt').then(() => order.push('parsed'));
    // A synchronous parse would finish (and queue its answer) before the loop turns once.
    await new Promise((resolve) => setImmediate(resolve));
    order.push('event loop turned');
    await parsing;
    expect(order).toEqual(['event loop turned', 'parsed']);
  });
});

// The seed with its last row (a 收回事项) repeated under new 序号 until the file has `bytes` bytes.
function largeDocument(bytes: number): Buffer {
  const text = readFileSync(SEED, 'utf8').trimEnd();
  const lines = text.split('\n');
  const [no, ...cells] = lines[lines.length - 1].split('\t');
  const rows: string[] = [];
  let size = Buffer.byteLength(text);
  for (let n = Number(no) + 1; size < bytes; n++) {
    const row = `\n${n}\t${cells.join('\t')}`;
    rows.push(row);
    size += Buffer.byteLength(row);
  }
  return Buffer.from(text + rows.join(''));
}
