import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDutyList } from 'src/duty-lists/duty-list.parser';
import { departmentMentionForms } from './department-mentions';
import { inferHandoffs, InferredFlow } from './infer-handoffs';

// Scores the inference against hand labels (test/fixtures/handoffs/labels.json). Pure apart from
// reading the fixture and the seed documents; used by the unit test and `npm run measure:handoffs`.

export interface LabelledRow {
  document: string;
  no: number;
  name: string;
  handoffs: { from: number; to: number; fromText: string; toText: string }[];
  standing: { position: number; text: string }[];
  independent: { position: number; text: string }[];
}

export interface HandoffScore {
  rows: number;
  labelledHandoffs: number;
  /** Labelled handoffs whose target (transitively) waits for their source. */
  recovered: number;
  recall: number;
  /** Inferred cross-lane edges on the labelled rows. */
  inferredEdges: number;
  /** Inferred edges that are a labelled handoff. */
  exactEdges: number;
  /** Inferred edges the labelled process agrees with (the target comes after the source in it). */
  consistentEdges: number;
  precisionExact: number;
  precisionConsistent: number;
  standingOrIndependent: number;
  /** Of those, steps given a cross-lane dependency (they wait for a step of another lane). */
  wronglyDependent: number;
  wrongRate: number;
  misses: string[];
  wrong: string[];
}

const ROOT = join(__dirname, '..', '..', '..');

export function readLabels(): LabelledRow[] {
  const file = join(ROOT, 'test', 'fixtures', 'handoffs', 'labels.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { rows: LabelledRow[] }).rows;
}

interface RowSteps {
  steps: { lane: string; assignees: string[]; text: string }[];
  flow: InferredFlow;
}

export function inferSeedRows(documents: string[]): Map<string, RowSteps> {
  const rows = new Map<string, RowSteps>();
  for (const document of documents) {
    const parsed = parseDutyList(readFileSync(join(ROOT, 'seeds', 'duty-lists', document)), document);
    for (const row of parsed.cooperative) {
      const flow = inferHandoffs(row.steps, {
        township: parsed.township.name,
        mentionForms: (d) => departmentMentionForms(d, parsed.township.county),
      });
      rows.set(`${document}#${row.no}`, { steps: row.steps, flow });
    }
  }
  return rows;
}

const laneOf = (step: { lane: string; assignees: string[] }): string =>
  step.lane === 'township' ? 'township' : `department:${step.assignees[0] ?? ''}`;

function reaches(next: Map<number, number[]>, from: number, to: number): boolean {
  const seen = new Set<number>();
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift() as number;
    if (at === to) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    queue.push(...(next.get(at) ?? []));
  }
  return false;
}

function successors(edges: [number, number][]): Map<number, number[]> {
  const next = new Map<number, number[]>();
  for (const [a, b] of edges) next.set(a, [...(next.get(a) ?? []), b]);
  return next;
}

export function scoreHandoffs(labels: LabelledRow[], inferred: Map<string, RowSteps>): HandoffScore {
  const s: HandoffScore = {
    rows: labels.length,
    labelledHandoffs: 0,
    recovered: 0,
    recall: 0,
    inferredEdges: 0,
    exactEdges: 0,
    consistentEdges: 0,
    precisionExact: 0,
    precisionConsistent: 0,
    standingOrIndependent: 0,
    wronglyDependent: 0,
    wrongRate: 0,
    misses: [],
    wrong: [],
  };
  for (const label of labels) {
    const row = inferred.get(`${label.document}#${label.no}`);
    if (!row) throw new Error(`labelled row ${label.document} #${label.no} is not in the documents`);
    const positions = row.flow.steps.map((step) => step.position);
    const lane = new Map(positions.map((p) => [p, laneOf(row.steps[p - 1])]));
    const edges = row.flow.steps.flatMap((step) =>
      step.dependsOn.map((d): [number, number] => [d, step.position]),
    );
    const graph = successors(edges);
    for (const h of label.handoffs) {
      s.labelledHandoffs += 1;
      if (reaches(graph, h.from, h.to)) s.recovered += 1;
      else s.misses.push(`${label.document} #${label.no} ${h.from}→${h.to}`);
    }
    // The labelled process: document order within each lane, plus the labelled handoffs.
    const documentOrder = positions
      .slice(1)
      .filter((p) => lane.get(p) === lane.get(p - 1))
      .map((p): [number, number] => [p - 1, p]);
    const reference = successors([
      ...documentOrder,
      ...label.handoffs.map((h): [number, number] => [h.from, h.to]),
    ]);
    for (const [a, b] of edges.filter(([a, b]) => lane.get(a) !== lane.get(b))) {
      s.inferredEdges += 1;
      if (label.handoffs.some((h) => h.from === a && h.to === b)) s.exactEdges += 1;
      if (reaches(reference, a, b)) s.consistentEdges += 1;
    }
    for (const step of [...label.standing, ...label.independent]) {
      s.standingOrIndependent += 1;
      const inferredStep = row.flow.steps[step.position - 1];
      if (inferredStep.dependsOn.some((d) => lane.get(d) !== lane.get(step.position))) {
        s.wronglyDependent += 1;
        s.wrong.push(`${label.document} #${label.no} step ${step.position}`);
      }
    }
  }
  s.recall = s.recovered / Math.max(1, s.labelledHandoffs);
  s.precisionExact = s.exactEdges / Math.max(1, s.inferredEdges);
  s.precisionConsistent = s.consistentEdges / Math.max(1, s.inferredEdges);
  s.wrongRate = s.wronglyDependent / Math.max(1, s.standingOrIndependent);
  return s;
}
