import { DomainError } from 'src/common/errors/domain.error';
import { ErrorCode } from 'src/common/errors/error-codes';

export interface DutyListParseErrorDetails {
  file: string;
  /** 1-based line the problem was found on; null only when no line can be named. */
  line: number | null;
  /** Chinese, what is wrong and what the clerk should do. */
  reason: string;
  [key: string]: unknown;
}

// Fatal parse problems only (not a duty list, wrong encoding, truncated). Row-level damage becomes
// a ParseWarning instead, so one bad cell never blocks an import.
export class DutyListParseError extends DomainError {
  declare readonly details: DutyListParseErrorDetails;

  constructor(file: string, line: number | null, reason: string) {
    const where = line === null ? `文件 ${file}` : `文件 ${file} 第 ${line} 行`;
    super(ErrorCode.DUTY_LIST_INVALID, `${where}：${reason}`, { file, line, reason });
    this.name = 'DutyListParseError';
  }
}
