// The server's error body: {statusCode, code, message, details?}. Validation errors list each field
// in details.fields; domain errors name one in details.field.
export interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  details?: { field?: string; fields?: { field: string; problems: string[] }[] } & Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message ?? `请求失败（${status}）`);
  }

  // Messages per form field, so a dialog can show each next to its input; the rest stays general.
  fieldMessages(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const { field, problems } of this.body.details?.fields ?? []) result[field] = problems.join('，');
    const named = this.body.details?.field;
    if (typeof named === 'string') result[named] = this.message;
    return result;
  }
}

export function networkMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '无法连接服务器，请检查网络后重试';
}

// Unwraps an openapi-fetch result: the data, or an ApiError carrying the Chinese message.
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiError(response.status, (error ?? {}) as ApiErrorBody);
}

// What a form shows for a failed request: each named field's message at its input, or, when the
// server named none, one general message above the form.
export function formFailure(error: unknown): { fields: Record<string, string>; general: string } {
  const fields = error instanceof ApiError ? error.fieldMessages() : {};
  return { fields, general: Object.keys(fields).length === 0 ? networkMessage(error) : '' };
}
