import { inferSeedRows, readLabels, scoreHandoffs } from 'src/duty-lists/handoffs/handoff-metrics';

// Precision and recall of the inferred cross-lane handoffs on the hand-labelled rows, plus how many of
// all templates got a handoff and how many are 待复核. No database.
const labels = readLabels();
const documents = [
  'manas-liuhudi.txt',
  'mulei-dashitou.txt',
  'qitai-sangezhuangzi.txt',
  'shufu-wukusake.txt',
  'toksun-yilahu.txt',
];
const inferred = inferSeedRows(documents);
const score = scoreHandoffs(labels, inferred);
const all = [...inferred.values()];
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
console.log(`labelled rows ${score.rows}, labelled handoffs ${score.labelledHandoffs}`);
console.log(`recall (transitive) ${pct(score.recall)} (${score.recovered}/${score.labelledHandoffs})`);
console.log(
  `precision: exact ${pct(score.precisionExact)}, consistent with the labelled process ` +
    `${pct(score.precisionConsistent)} (${score.consistentEdges}/${score.inferredEdges} inferred cross-lane edges)`,
);
console.log(
  `standing/independent steps given a cross-lane dependency ${pct(score.wrongRate)} ` +
    `(${score.wronglyDependent}/${score.standingOrIndependent})`,
);
console.log(
  `templates ${all.length}: with ≥1 handoff ${all.filter((r) => r.flow.handoffs > 0).length}, 待复核 ${all.filter((r) => r.flow.needsReview).length}`,
);
if (process.argv.includes('--details')) console.log({ misses: score.misses, wrong: score.wrong });
