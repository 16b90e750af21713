import { emptyFilters, filterQuery } from './list-filters';

describe(filterQuery.name, () => {
  it('should send nothing for blank filters', () => {
    expect(filterQuery(emptyFilters())).toEqual({ q: undefined, status: undefined, from: undefined, to: undefined });
  });

  it('should trim the search and pass the status and the date range', () => {
    expect(filterQuery({ q: ' 652325198503120024 ', status: 'ready', range: ['2026-12-01', '2026-12-31'] })).toEqual({
      q: '652325198503120024',
      status: 'ready',
      from: '2026-12-01',
      to: '2026-12-31',
    });
  });
});
