import { DependencyEvidence, DependencyRule } from 'src/domain/dependency-evidence';
import { StepLane } from 'src/domain/vocabulary';
import {
  ACT_ON_CUE,
  AFTER_CONDITION,
  CONDITION_PRODUCERS,
  FILING_ONLY,
  GENERIC_TARGET,
  HAND_DOWN_VERB,
  INTERNAL_TARGET,
  JOINT_WORK,
  PLAN_VERB,
  QUOTED_HAND_DOWN,
  REVIEW_VERB,
  STANDING_PERIODIC,
  STANDING_STRONG,
  SUBMIT_VERB,
  TOWNSHIP_RECEIVER,
  UPWARD_OUT_OF_CASE,
  townshipReferenceCue,
} from './handoff-cues';

export { DependencyRule } from 'src/domain/dependency-evidence';
export type { DependencyEvidence } from 'src/domain/dependency-evidence';

// Pure: reads one cooperative duty's steps the way a careful clerk would and says which step waits for
// which, and why. No database, no Nest: the importer calls it for every row, the tests call it directly.

export interface HandoffStepInput {
  lane: StepLane;
  /** Department lane: the departments holding the step (a block's sub-lane). Township lane: ignored. */
  assignees: string[];
  section: string | null;
  text: string;
}

export interface HandoffContext {
  /** The township's name as written in the steps (三个庄子镇). */
  township: string;
  /** How the text names a department (县残联, 残联, 奇台县残疾人联合会…). */
  mentionForms: (department: string) => string[];
}

export interface InferredStep {
  /** 1-based, as in the template. */
  position: number;
  standing: boolean;
  /** The standing/periodic words that marked it (empty when not standing). */
  standingWords: string[];
  dependsOn: number[];
  evidence: DependencyEvidence[];
}

export interface InferredFlow {
  steps: InferredStep[];
  /** Cross-lane dependencies inferred (handoffs between the township, departments or sub-lanes). */
  handoffs: number;
  /** No clear handoff between lanes that both hold real work: the lanes stay parallel, a person should check. */
  needsReview: boolean;
}

interface Step extends HandoffStepInput {
  position: number;
  laneKey: string;
  strongStanding: string | null;
  periodic: string | null;
}

interface Edge {
  from: number;
  to: number;
  rule: DependencyRule;
  words: string[];
}

export function inferHandoffs(input: readonly HandoffStepInput[], ctx: HandoffContext): InferredFlow {
  const steps: Step[] = input.map((step, index) => ({
    ...step,
    position: index + 1,
    // A department sub-lane per lead department: blocks headed by different departments run in parallel.
    laneKey: step.lane === 'township' ? 'township' : `department:${step.assignees[0] ?? ''}`,
    strongStanding: STANDING_STRONG.exec(step.text)?.[0] ?? null,
    periodic: STANDING_PERIODIC.exec(step.text)?.[0] ?? null,
  }));
  const graph = new FlowGraph(steps);
  const add = (edge: Edge): boolean => graph.tryAdd(edge);
  afterConditionEdges(steps, add);
  townshipToDepartmentEdges(steps, ctx, add);
  departmentToTownshipEdges(steps, ctx, add);
  return graph.finish();
}

// Holds cross-lane edges, refusing any that would close a cycle with the lane order.
class FlowGraph {
  private readonly edges: Edge[] = [];
  private readonly byPosition: Map<number, Step>;

  constructor(private readonly steps: Step[]) {
    this.byPosition = new Map(steps.map((step) => [step.position, step]));
  }

  // False when the edge would close a cycle (or exists already): the caller tries its next candidate.
  tryAdd(edge: Edge): boolean {
    if (this.edges.some((e) => e.from === edge.from && e.to === edge.to)) return false;
    if (
      this.reaches(
        edge.to,
        edge.from,
        this.laneOrder(() => false),
      )
    )
      return false;
    this.edges.push(edge);
    return true;
  }

  finish(): InferredFlow {
    const linked = new Set(this.edges.flatMap((e) => [e.from, e.to]));
    let standing = (step: Step): boolean =>
      step.strongStanding !== null || (step.periodic !== null && !linked.has(step.position));
    // A duty made only of standing work would complete the moment it opens: keep it as ordinary steps.
    if (this.steps.every(standing)) standing = () => false;
    const laneEdges = this.laneOrder(standing);
    const all = [
      ...laneEdges,
      ...this.edges.filter((e) => !standing(this.step(e.from)) && !standing(this.step(e.to))),
    ];
    const crossLane = all.filter((e) => e.rule !== DependencyRule.LaneOrder);
    const out: InferredStep[] = this.steps.map((step) => {
      const incoming = all.filter((e) => e.to === step.position).sort((a, b) => a.from - b.from);
      return {
        position: step.position,
        standing: standing(step),
        standingWords: standing(step) ? [step.strongStanding ?? step.periodic ?? ''] : [],
        dependsOn: incoming.map((e) => e.from),
        evidence: incoming.map((e) => ({ on: e.from, rule: e.rule, words: e.words })),
      };
    });
    const lanesWithWork = new Set(this.steps.filter((s) => !standing(s)).map((s) => s.lane));
    return {
      steps: out,
      handoffs: crossLane.length,
      needsReview: crossLane.length === 0 && lanesWithWork.size > 1,
    };
  }

  private step(position: number): Step {
    return this.byPosition.get(position) as Step;
  }

  // Within one (lane, section) each step waits for the one before it, leaving standing steps out.
  private laneOrder(isStanding: (step: Step) => boolean): Edge[] {
    const last = new Map<string, number>();
    const edges: Edge[] = [];
    for (const step of this.steps) {
      if (step.strongStanding !== null || isStanding(step)) continue;
      const group = `${step.laneKey}\u0000${step.section ?? ''}`;
      const previous = last.get(group);
      if (previous !== undefined)
        edges.push({ from: previous, to: step.position, rule: DependencyRule.LaneOrder, words: [] });
      last.set(group, step.position);
    }
    return edges;
  }

  private reaches(from: number, to: number, laneEdges: Edge[]): boolean {
    const next = new Map<number, number[]>();
    for (const e of [...laneEdges, ...this.edges]) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
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
}

const takesPart = (step: Step): boolean => step.strongStanding === null;

// Cross-lane links only join steps of one section; a lane without sections joins any.
const sameSection = (a: Step, b: Step): boolean =>
  a.section === null || b.section === null || a.section === b.section;

function clauses(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  for (const part of text.split(/[，,。；;]/)) {
    out.push({ text: part, start });
    start += part.length + 1;
  }
  return out;
}

interface Submission {
  step: Step;
  /** Department lanes the step names as the receiver; empty: generic or unaddressed. */
  lanes: Set<string>;
  generic: boolean;
  words: string;
}

// A township step's upward submissions: 送至县残联 names its lane; 上报县级主管部门 is generic;
// a bare 上报 is unaddressed and only pairs with a department step that quotes it (镇上报的…).
function submissionOf(step: Step, departmentLanes: Step[][], ctx: HandoffContext): Submission | null {
  let found: Submission | null = null;
  for (const clause of clauses(step.text)) {
    for (const match of clause.text.matchAll(SUBMIT_VERB)) {
      const after = clause.text.slice((match.index ?? 0) + match[0].length);
      if (INTERNAL_TARGET.test(after) || UPWARD_OUT_OF_CASE.test(after)) continue;
      if (FILING_ONLY.test(after) && !REVIEW_VERB.test(after)) continue;
      const lanes = new Set<string>();
      let named = '';
      for (const lane of departmentLanes) {
        const mention = mentionIn(clause.text, [...new Set(lane.flatMap((d) => d.assignees))], ctx);
        if (mention) {
          lanes.add(lane[0].laneKey);
          named = mention;
        }
      }
      const generic = lanes.size === 0 && GENERIC_TARGET.test(after);
      const words = named ? `${match[0]}…${named}` : `${match[0]}${after.slice(0, 6)}`;
      if (!found || lanes.size > found.lanes.size) found = { step, lanes, generic, words };
    }
  }
  return found;
}

function mentionIn(text: string, departments: string[], ctx: HandoffContext): string | null {
  for (const department of departments) {
    for (const form of ctx.mentionForms(department)) {
      const at = text.indexOf(form);
      if (at < 0) continue;
      // 会同县农业农村局…, 配合县委组织部…: joint work, not the receiver.
      if (JOINT_WORK.test(text.slice(Math.max(0, at - 2), at))) continue;
      return form;
    }
  }
  return null;
}

function departmentLanesOf(steps: Step[]): Step[][] {
  const lanes = new Map<string, Step[]>();
  for (const step of steps) {
    if (step.lane !== 'department') continue;
    lanes.set(step.laneKey, [...(lanes.get(step.laneKey) ?? []), step]);
  }
  return [...lanes.values()];
}

type AddEdge = (edge: Edge) => boolean;

function townshipToDepartmentEdges(steps: Step[], ctx: HandoffContext, add: AddEdge): void {
  const lanes = departmentLanesOf(steps);
  const quotesTownship = townshipReferenceCue(ctx.township);
  const consumed = new Set<number>();
  const submissions = steps
    .filter((s) => s.lane === 'township' && takesPart(s))
    .map((s) => submissionOf(s, lanes, ctx))
    .filter((s): s is Submission => s !== null);
  for (const submission of submissions) {
    for (const lane of lanes) {
      const addressed = submission.lanes.has(lane[0].laneKey);
      const generic = submission.generic && lanes.length === 1;
      const receiver = lane.find((d) => {
        if (consumed.has(d.position) || !takesPart(d) || !sameSection(submission.step, d)) return false;
        const cue =
          quotesTownship.exec(d.text)?.[0] ?? ((addressed || generic) && REVIEW_VERB.exec(d.text)?.[0]);
        if (!cue) return false;
        return add({
          from: submission.step.position,
          to: d.position,
          rule: DependencyRule.TownshipToDepartment,
          words: [submission.words, cue],
        });
      });
      if (receiver) consumed.add(receiver.position);
    }
  }
}

interface Sender {
  step: Step;
  words: string;
  strength: number; // 2: hands down to the township; 1: sets a plan; 0: a hand-down verb alone
}

function senderOf(step: Step, township: string): Sender | null {
  let best: Sender | null = null;
  for (const clause of clauses(step.text)) {
    for (const match of clause.text.matchAll(HAND_DOWN_VERB)) {
      const at = match.index ?? 0;
      const after = clause.text.slice(at + match[0].length);
      const toTownship = TOWNSHIP_RECEIVER.test(after) || clause.text.includes(township);
      const strength = toTownship ? 2 : 0;
      if (!best || strength > best.strength)
        best = {
          step,
          words: toTownship ? clause.text.slice(at, at + match[0].length + 8) : match[0],
          strength,
        };
    }
  }
  const plan = PLAN_VERB.exec(step.text);
  if (plan && (!best || best.strength < 1)) best = { step, words: plan[0], strength: 1 };
  return best;
}

function departmentToTownshipEdges(steps: Step[], ctx: HandoffContext, add: AddEdge): void {
  const senders = steps
    .filter((s) => s.lane === 'department' && takesPart(s))
    .map((s) => senderOf(s, ctx.township))
    .filter((s): s is Sender => s !== null);
  const used = new Set<number>();
  for (const receiver of steps.filter((s) => s.lane === 'township' && takesPart(s))) {
    const cue = ACT_ON_CUE.exec(receiver.text);
    if (!cue) continue;
    const quoted = new Set([...receiver.text.matchAll(QUOTED_HAND_DOWN)].map((m) => m[0]));
    if (cue[0] === '领取') quoted.add('发放');
    const citesPlan = /根据|按照|依据/.test(cue[0]);
    const candidates: { sender: Sender; score: number }[] = [];
    for (const sender of senders) {
      if (used.has(sender.step.position) || !sameSection(sender.step, receiver)) continue;
      const quotes = [...quoted].some((word) => sender.step.text.includes(word));
      const eligible =
        sender.strength === 2 ||
        (sender.strength === 1 && (citesPlan || quotes)) ||
        (sender.strength === 0 && quotes);
      if (eligible) candidates.push({ sender, score: sender.strength + (quotes ? 3 : 0) });
    }
    // Best score first; among equals, document order (stable sort).
    const chosen = candidates
      .sort((a, b) => b.score - a.score)
      .find(({ sender }) =>
        add({
          from: sender.step.position,
          to: receiver.position,
          rule: DependencyRule.DepartmentToTownship,
          words: [sender.words, cue[0]],
        }),
      );
    if (chosen) used.add(chosen.sender.step.position);
  }
}

function afterConditionEdges(steps: Step[], add: AddEdge): void {
  for (const step of steps.filter(takesPart)) {
    for (const match of step.text.matchAll(AFTER_CONDITION)) {
      const condition = match[1];
      const producers = CONDITION_PRODUCERS.find(([cond]) => cond.test(condition))?.[1];
      if (!producers) continue;
      steps.find(
        (other) =>
          other.lane !== step.lane &&
          takesPart(other) &&
          sameSection(other, step) &&
          producers.test(other.text) &&
          add({
            from: other.position,
            to: step.position,
            rule: DependencyRule.AfterCondition,
            words: [producers.exec(other.text)?.[0] ?? '', match[0].replace(/[，,]$/, '')],
          }),
      );
    }
  }
}
