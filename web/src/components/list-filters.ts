// The filters of 待办 / 已办 / 我发起的 and the query the list APIs take (blank = not filtered).
export interface ListFilters {
  q: string;
  status: string;
  range: [string, string] | null;
}

export function emptyFilters(): ListFilters {
  return { q: '', status: '', range: null };
}

export function filterQuery<S extends string>(
  filters: ListFilters,
): { q?: string; status?: S; from?: string; to?: string } {
  return {
    q: filters.q.trim() || undefined,
    status: (filters.status || undefined) as S | undefined,
    from: filters.range?.[0] || undefined,
    to: filters.range?.[1] || undefined,
  };
}
