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
  OUTCOME_QUOTE,
  STANDING_STRONG,
  SUBMIT_VERB,
  TRAINING_OR_MEETING,
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

interface Reading extends HandoffContext {
  /** The township's and the departments' names as the text may write them, longest first. */
  names: string[];
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

export function inferHandoffs(input: readonly HandoffStepInput[], context: HandoffContext): InferredFlow {
  const steps: Step[] = input.map((step, index) => ({
    ...step,
    position: index + 1,
    // A department sub-lane per lead department: blocks headed by different departments run in parallel.
    laneKey: step.lane === 'township' ? 'township' : `department:${step.assignees[0] ?? ''}`,
    strongStanding: STANDING_STRONG.exec(step.text)?.[0] ?? null,
    periodic: STANDING_PERIODIC.exec(step.text)?.[0] ?? null,
  }));
  const units = steps.flatMap((s) => (s.lane === 'department' ? s.assignees : []));
  const names = [context.township, ...new Set(units.flatMap((d) => context.mentionForms(d)))];
  const ctx: Reading = { ...context, names: names.sort((x, y) => y.length - x.length) };
  const graph = new FlowGraph(steps);
  const add = (edge: Edge): boolean => graph.tryAdd(edge);
  afterConditionEdges(steps, ctx, add);
  // Edges a step's own words name come first; "same content" guesses only fill in what is still open, so
  // a guess never blocks (by closing a cycle) a handoff the text states.
  townshipToDepartmentEdges(steps, ctx, add, 'cue');
  departmentToTownshipEdges(steps, ctx, add);
  townshipToDepartmentEdges(steps, ctx, add, 'content');
  handDownByContent(steps, ctx, add);
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
function submissionOf(step: Step, departmentLanes: Step[][], ctx: Reading): Submission | null {
  let found: Submission | null = null;
  for (const clause of clauses(step.text)) {
    for (const match of clause.text.matchAll(SUBMIT_VERB)) {
      const after = clause.text.slice((match.index ?? 0) + match[0].length);
      if (INTERNAL_TARGET.test(after) || UPWARD_OUT_OF_CASE.test(after)) continue;
      // 对提出申请岗位的人员进行初审, 对上报的材料审核: the verb describes the object, not this step's act.
      if (/对[^对]*$/.test(clause.text.slice(0, match.index ?? 0)) && /^[^，,。；;]{0,8}的/.test(after))
        continue;
      if (FILING_ONLY.test(after) && !REVIEW_VERB.test(after)) continue;
      const lanes = new Set<string>();
      let named = '';
      // The receiver is named after the verb (报送至县残联) or addressed before it (向县委组织部提出…);
      // 按照县政协要求推荐 names who asked, not who receives.
      const addressed = receiverText(clause.text, match.index ?? 0, match[0].length);
      for (const lane of departmentLanes) {
        const mention = receiverIn(addressed, [...new Set(lane.flatMap((d) => d.assignees))], ctx);
        if (mention) {
          lanes.add(lane[0].laneKey);
          named = mention;
        }
      }
      // 到 sends something only when a department follows at once (到县委编办变更…), not 到定点医院.
      if (match[0] === '到' && !(named && after.startsWith(named))) continue;
      const generic = lanes.size === 0 && GENERIC_TARGET.test(after);
      // 推荐/提出 alone are mostly a noun or an internal act (推荐人选, 提出意见); they send something up only
      // towards a named department, or when the step opens with them (推荐科技特派员人选).
      if (
        lanes.size === 0 &&
        !generic &&
        OPEN_ENDED_SUBMIT.has(match[0]) &&
        !opensWith(step.text, clause, match)
      )
        continue;
      const words = named ? `${match[0]}…${named}` : `${match[0]}${after.slice(0, 6)}`;
      if (!found || lanes.size > found.lanes.size) found = { step, lanes, generic, words };
    }
  }
  return found;
}

const OPEN_ENDED_SUBMIT = new Set(['推荐', '提出', '到', '上交', '上缴']);

const opensWith = (text: string, clause: { start: number }, match: RegExpMatchArray): boolean =>
  /^(?:负责|做好|镇级|乡级)?$/.test(text.slice(0, clause.start + (match.index ?? 0)));

// The part of a clause that may name a submission's receiver: after the verb, plus a 向/给…X just before it.
function receiverText(clause: string, at: number, length: number): string {
  const before = clause.slice(0, at);
  const addressedAt = Math.max(before.lastIndexOf('向'), before.lastIndexOf('给'));
  return (addressedAt >= 0 ? before.slice(addressedAt) : '') + clause.slice(at + length);
}

// A receiver stands right after the verb (allowing the county's name), or right after 向/至/给/到/报:
// 推荐政协委员候选人 names no receiver although 政协 is a department's short name.
function receiverIn(text: string, departments: string[], ctx: Reading): string | null {
  for (const department of departments) {
    for (const form of ctx.mentionForms(department)) {
      for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
        const lead = text.slice(0, at);
        if (JOINT_WORK.test(lead.slice(-2))) continue;
        if (at <= 4 || /[向至给到报、和及]$|[向至给到报][\u4e00-\u9fa5]{1,4}县$/.test(lead)) return form;
      }
    }
  }
  return null;
}

function mentionIn(text: string, departments: string[], ctx: Reading): string | null {
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

// Shared content (character pairs) between two steps: which of several candidates works on the same thing.
// Unit names (the township, the departments and their short forms) say who, not what: left out.
function overlap(a: string, b: string, names: readonly string[]): number {
  const pairs = (text: string): Set<string> => {
    const out = new Set<string>();
    for (const run of names.reduce((t, name) => t.split(name).join(' '), text).match(/[\u4e00-\u9fa5]+/g) ??
      []) {
      for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
    }
    return out;
  };
  const left = pairs(a);
  return [...pairs(b)].filter((pair) => left.has(pair) && !COMMON_PAIRS.has(pair)).length;
}

const COMMON_PAIRS = new Set([
  '工作',
  '相关',
  '负责',
  '做好',
  '开展',
  '进行',
  '组织',
  '情况',
  '县级',
  '镇级',
  '乡镇',
  '及时',
]);

// Tries candidates best first until one is accepted (the graph refuses cycles).
function addBest<T>(
  candidates: { item: T; score: number }[],
  edgeOf: (item: T) => Edge,
  add: AddEdge,
): T | null {
  const ordered = candidates
    .map((c, index) => ({ ...c, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  return ordered.find((c) => add(edgeOf(c.item)))?.item ?? null;
}

// A department step that itself sends work down or sets the plan (推送至镇, 制定方案, 组织培训) starts the
// exchange; it is not the step that works on what the township sends up.
const startsExchange = (step: Step, township: string): boolean =>
  senderOf(step, township).strength > 0 || TRAINING_OR_MEETING.test(step.text);

// Township steps whose submission already found its receiver by a cue (per inference run).
const linkedSubmissions = new WeakMap<Step[], Set<number>>();

function townshipToDepartmentEdges(steps: Step[], ctx: Reading, add: AddEdge, mode: 'cue' | 'content'): void {
  const lanes = departmentLanesOf(steps);
  const quotesTownship = townshipReferenceCue(ctx.township);
  // Receiver → the township step already linked to it. A later submission may join it (the department then
  // waits for the town's last word: 申报 then 初审后上报); an earlier one looks for another receiver first.
  const consumed = new Map<number, number>();
  const linkedUp = linkedSubmissions.get(steps) ?? new Set<number>();
  linkedSubmissions.set(steps, linkedUp);
  const submissions = steps
    .filter((s) => s.lane === 'township' && takesPart(s))
    .map((s) => submissionOf(s, lanes, ctx))
    .filter((s): s is Submission => s !== null)
    // A periodic report (每年向县委编办报告) is matched by content only when it names its receiver.
    .filter((s) => mode === 'cue' || s.step.periodic === null || s.lanes.size > 0)
    // Addressed submissions (送至县残联) claim their receivers before bare ones (上报); periodic reports
    // (每月申报…) after the case's own.
    .sort(
      (a, b) =>
        Number(b.lanes.size > 0) - Number(a.lanes.size > 0) ||
        Number(a.step.periodic !== null) - Number(b.step.periodic !== null),
    );
  for (const submission of submissions) {
    if (mode === 'content' && linkedUp.has(submission.step.position)) continue;
    const addressed = submission.lanes.size > 0;
    const targets = addressed ? lanes.filter((lane) => submission.lanes.has(lane[0].laneKey)) : lanes;
    const knownReceiver = addressed || lanes.length === 1;
    for (const lane of targets) {
      // The department's next step that works on it; a later one only when it is plainly about the same
      // thing (选举结果 → 审核选举结果); one already taken by an earlier submission last.
      const candidates = lane
        .filter((d) => takesPart(d) && sameSection(submission.step, d))
        .map((d, rank) => {
          const quote = quotesTownship.exec(d.text)?.[0];
          const review = knownReceiver ? REVIEW_VERB.exec(d.text)?.[0] : undefined;
          const shared = overlap(submission.step.text, d.text, ctx.names);
          // Joining a receiver another step already gates: a later step that names it or is about the same thing.
          const taken = (position: number): boolean =>
            consumed.has(position) &&
            ((consumed.get(position) ?? 0) > submission.step.position || (!addressed && shared < 3));
          const sameContent =
            mode === 'content' && knownReceiver && shared >= 2 && !startsExchange(d, ctx.township);
          const cue = mode === 'cue' ? (quote ?? review) : sameContent ? '（内容相同）' : undefined;
          const score = -rank + (shared >= 3 ? shared : 0) - (taken(d.position) ? 10 : 0);
          return cue ? { item: { d, cue }, score } : null;
        })
        .filter((c): c is { item: { d: Step; cue: string }; score: number } => c !== null);
      const chosen = addBest(
        candidates,
        ({ d, cue }) => ({
          from: submission.step.position,
          to: d.position,
          rule: DependencyRule.TownshipToDepartment,
          words: [submission.words, cue],
        }),
        add,
      );
      if (chosen) {
        consumed.set(chosen.d.position, submission.step.position);
        linkedUp.add(submission.step.position);
        if (!addressed) break;
      }
    }
  }
}

interface Sender {
  step: Step;
  words: string;
  strength: number; // 2: hands down to the township; 1: sets a plan; 0: no hand-down words
}

function senderOf(step: Step, township: string): Sender {
  let best: Sender = { step, words: '', strength: 0 };
  for (const clause of clauses(step.text)) {
    for (const match of clause.text.matchAll(HAND_DOWN_VERB)) {
      const at = match.index ?? 0;
      const after = clause.text.slice(at + match[0].length);
      // 推送至六户地镇, 下发各村: the township right after the verb. 收到三个庄子镇反馈 is the township's own act.
      const toTownship =
        TOWNSHIP_RECEIVER.test(after) || after.replace(/^(?:至|给|到)/, '').startsWith(township);
      if (toTownship && best.strength < 2)
        best = { step, words: clause.text.slice(at, at + match[0].length + 8), strength: 2 };
      else if (best.words === '') best = { step, words: match[0], strength: 0 };
    }
  }
  const plan = PLAN_VERB.exec(step.text);
  if (plan && best.strength < 1) best = { step, words: plan[0], strength: 1 };
  return best;
}

function departmentToTownshipEdges(steps: Step[], ctx: Reading, add: AddEdge): void {
  const senders = steps
    .filter((s) => s.lane === 'department' && takesPart(s))
    .map((s) => senderOf(s, ctx.township));
  const used = new Set<number>();
  const handedDown = handedDownBy.get(steps) ?? new Set<number>();
  handedDownBy.set(steps, handedDown);
  const receivers = steps.filter((s) => s.lane === 'township' && takesPart(s));
  for (const receiver of receivers) {
    const cue = ACT_ON_CUE.exec(receiver.text);
    if (!cue) continue;
    const quoted = new Set([...receiver.text.matchAll(QUOTED_HAND_DOWN)].map((m) => m[0]));
    if (cue[0] === '领取') ['发放', '发证', '制证', '制作', '颁发', '赋码'].forEach((w) => quoted.add(w));
    // 根据…审批意见: the step that reviewed, whatever its verb (审核, 审查, 复核…).
    if (quoted.has('审批')) ['审核', '审查', '复核', '复审'].forEach((w) => quoted.add(w));
    const citesPlan = /根据|按照|依据|传达/.test(cue[0]);
    const candidates = senders
      .filter((sender) => sameSection(sender.step, receiver))
      .map((sender) => {
        const quotes = [...quoted].find((word) => sender.step.text.includes(word));
        const named = mentionIn(receiver.text, sender.step.assignees, ctx) !== null;
        const eligible = sender.strength === 2 || (sender.strength === 1 && citesPlan) || quotes || named;
        const score =
          sender.strength +
          (quotes ? 3 : 0) +
          (named ? 2 : 0) +
          Math.min(overlap(sender.step.text, receiver.text, ctx.names), 4) -
          (used.has(sender.step.position) ? 4 : 0);
        return eligible
          ? { item: { sender, words: sender.words || quotes || sender.step.assignees[0] }, score }
          : null;
      })
      .filter((c): c is { item: { sender: Sender; words: string }; score: number } => c !== null);
    const chosen = addBest(
      candidates,
      ({ sender, words }) => ({
        from: sender.step.position,
        to: receiver.position,
        rule: DependencyRule.DepartmentToTownship,
        words: [words, cue[0]],
      }),
      add,
    );
    if (chosen) {
      used.add(chosen.sender.step.position);
      handedDown.add(chosen.sender.step.position);
    }
  }
}

// Department steps whose hand-down already found its township step by a cue (per inference run).
const handedDownBy = new WeakMap<Step[], Set<number>>();

// A step that hands work down to the township (推送至镇…) or sets its plan (制定…方案) gates the township
// step working on the same thing even when that step does not say so (各村核实到龄老年人信息…). Periodic
// township steps are linked only by their own words.
function handDownByContent(steps: Step[], ctx: Reading, add: AddEdge): void {
  const handedDown = handedDownBy.get(steps) ?? new Set<number>();
  const receivers = steps.filter((s) => s.lane === 'township' && takesPart(s) && s.periodic === null);
  const senders = steps
    .filter((s) => s.lane === 'department' && takesPart(s) && !handedDown.has(s.position))
    .map((s) => senderOf(s, ctx.township))
    .filter((s) => s.strength > 0);
  for (const sender of senders) {
    const needed = sender.strength === 2 ? 2 : 3;
    const candidates = receivers
      .map((receiver) => ({ item: receiver, score: overlap(sender.step.text, receiver.text, ctx.names) }))
      .filter((c) => c.score >= needed && sameSection(sender.step, c.item));
    addBest(
      candidates,
      (receiver) => ({
        from: sender.step.position,
        to: receiver.position,
        rule: DependencyRule.DepartmentToTownship,
        words: [sender.words, '（内容相同）'],
      }),
      add,
    );
  }
}

function ownSubmissionBefore(text: string, at: number): boolean {
  const clause =
    text
      .slice(0, at)
      .split(/[，,。；;]/)
      .pop() ?? '';
  return new RegExp(SUBMIT_VERB.source).test(clause);
}

// 镇级复核后, 村审核后: a township step's condition naming the town (or its villages) is its own work.
function namesOwnUnit(condition: string, step: Step, ctx: Reading): boolean {
  if (step.lane === 'township') return condition.includes(ctx.township) || /镇|乡|村/.test(condition);
  return mentionIn(condition, step.assignees, ctx) !== null;
}

function namesOtherUnit(condition: string, step: Step, steps: Step[], ctx: Reading): boolean {
  if (step.lane === 'department') return condition.includes(ctx.township) || /镇|乡|村/.test(condition);
  const departments = [...new Set(steps.filter((s) => s.lane === 'department').flatMap((s) => s.assignees))];
  return mentionIn(condition, departments, ctx) !== null;
}

function afterConditionEdges(steps: Step[], ctx: Reading, add: AddEdge): void {
  for (const step of steps.filter(takesPart)) {
    const outcomes = step.lane === 'township' ? [...step.text.matchAll(OUTCOME_QUOTE)] : [];
    for (const match of [...step.text.matchAll(AFTER_CONDITION), ...outcomes]) {
      const condition = match[1];
      const known = CONDITION_PRODUCERS.find((c) => c.condition.test(condition));
      // 汇总完数据后, 征求意见后, 发现事件后: the step's own work. An unlisted condition is another unit's
      // act only when it names that unit (经县红十字会授权后).
      if (!known && !namesOtherUnit(condition, step, steps, ctx)) continue;
      if (namesOwnUnit(condition, step, ctx)) continue;
      // 提交县人社局审核后发放: the step's own submission comes back reviewed; its submission is the handoff.
      if (ownSubmissionBefore(step.text, match.index ?? 0)) continue;
      // An unlisted condition (经县红十字会授权后) may still name the producing act word for word.
      const producedBy = known?.producedBy ?? (step.lane === 'township' ? 'department' : 'township');
      if (producedBy === step.lane) continue;
      const literal = new RegExp(condition.slice(-2));
      const tiers = known?.producers ?? (condition.length >= 2 ? [literal] : []);
      const others = steps.filter((o) => o.lane === producedBy && takesPart(o) && sameSection(o, step));
      for (const producers of tiers) {
        // The last producer in document order: a condition is met when that work is finished.
        const matching = others.filter((o) => producers.test(o.text)).reverse();
        const chosen = matching.find((o) =>
          add({
            from: o.position,
            to: step.position,
            rule: DependencyRule.AfterCondition,
            words: [producers.exec(o.text)?.[0] ?? '', match[0].replace(/[，,]$/, '')],
          }),
        );
        if (chosen) break;
      }
    }
  }
}
