import { inferSeedRows, readLabels, scoreHandoffs } from './handoff-metrics';

// The hand labels (test/fixtures/handoffs/labels.json) against the real documents. The thresholds are
// regression guards at the level measured when the rules were written, not the goal (see README).
describe(scoreHandoffs.name, () => {
  const labels = readLabels();
  const documents = [...new Set(labels.map((row) => row.document))];
  const inferred = inferSeedRows(documents);

  it('should label at least 60 rows across all five documents, each step text as the parser reads it', () => {
    expect(labels.length).toBeGreaterThanOrEqual(60);
    expect(documents).toHaveLength(5);
    for (const row of labels) {
      const steps = inferred.get(`${row.document}#${row.no}`)?.steps ?? [];
      const text = (position: number): string | undefined => {
        const step = steps[position - 1];
        return step && `${step.lane === 'township' ? '乡镇' : '部门'}：${step.text}`;
      };
      for (const h of row.handoffs) expect([text(h.from), text(h.to)]).toEqual([h.fromText, h.toText]);
      for (const s of [...row.standing, ...row.independent]) expect(text(s.position)).toBe(s.text);
    }
  });

  it('should recover most labelled handoffs and rarely make a standing or independent step wait across lanes', () => {
    const score = scoreHandoffs(labels, inferred);
    expect(score.recall).toBeGreaterThanOrEqual(0.85);
    expect(score.wrongRate).toBeLessThanOrEqual(0.01);
  });
});
