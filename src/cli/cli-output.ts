import { DomainError } from 'src/common/errors/domain.error';

// CLI failures: one Chinese line on stderr (with the machine-readable code), exit code 1.
export function failCommand(error: unknown): never {
  const line =
    error instanceof DomainError
      ? `${error.message} [${error.code}]`
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`错误：${line}\n`);
  process.exit(1);
}
