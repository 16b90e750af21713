// Rejects when `promise` has not settled within `ms`; the late outcome is ignored. For calls that
// would otherwise wait for a dependency as long as it is down: Redis commands queue while Redis is
// unreachable (BullMQ needs maxRetriesPerRequest: null), and a health check or a request must answer.
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
