import { createHash } from 'node:crypto';

// Hex SHA-256: content keys of imported documents, rows and templates; request fingerprints.
export function sha256(input: string | Buffer): string {
  return createHash('sha256').update(input).digest('hex');
}
