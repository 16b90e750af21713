import { EntityManager } from 'typeorm';

// TypeORM's postgres driver answers UPDATE/DELETE with [rows, rowCount] and other statements with
// rows; this returns the rows of an UPDATE … RETURNING either way.
export async function updateReturning<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
