import { DependencyEvidence } from 'src/domain/dependency-evidence';
import { BpmnStepInput } from 'src/templates/bpmn/bpmn-input';

// Pure graph logic for the BPMN export: validates step dependencies and expands them into BPMN flow
// nodes (events, user tasks, parallel gateways) and sequence flows. No moddle objects here.

export type FlowNodeKind = 'start' | 'end' | 'task' | 'fork' | 'join';

export interface FlowNodeSpec {
  id: string;
  kind: FlowNodeKind;
  laneId: string;
  step?: BpmnStepInput; // tasks only
}

export interface FlowEdgeSpec {
  id: string;
  sourceId: string;
  targetId: string;
  /** Why the target step waits for the source step (dependency flows only). */
  evidence?: DependencyEvidence;
}

export interface FlowGraph {
  nodes: FlowNodeSpec[];
  edges: FlowEdgeSpec[];
}

/** Steps in position order with de-duplicated predecessor and successor lists. */
export interface StepGraph {
  steps: BpmnStepInput[];
  dependencies: Map<number, number[]>;
  successors: Map<number, number[]>;
}

export const START_EVENT_ID = 'StartEvent_1';
export const END_EVENT_ID = 'EndEvent_1';
const START_FORK_ID = 'Gateway_Fork_Start';
const END_JOIN_ID = 'Gateway_Join_End';

export const taskId = (position: number): string => `Step_${position}`;

/** Validates positions and dependencies; throws on duplicates, unknown positions or cycles. */
export function analyseSteps(input: BpmnStepInput[]): StepGraph {
  const steps = [...input].sort((a, b) => a.position - b.position);
  const dependencies = new Map<number, number[]>();
  const successors = new Map<number, number[]>();
  for (const step of steps) {
    if (dependencies.has(step.position)) {
      throw new Error(`BPMN export: duplicate step position ${step.position}`);
    }
    dependencies.set(step.position, [...new Set(step.dependsOn)]);
    successors.set(step.position, []);
  }
  for (const [position, deps] of dependencies) {
    for (const dep of deps) {
      const list = successors.get(dep);
      if (!list) throw new Error(`BPMN export: step ${position} depends on unknown position ${dep}`);
      list.push(position);
    }
  }
  assertAcyclic(dependencies, successors);
  return { steps, dependencies, successors };
}

// Kahn's algorithm: whatever cannot be scheduled sits on (or behind) a cycle.
function assertAcyclic(dependencies: Map<number, number[]>, successors: Map<number, number[]>): void {
  const remaining = new Map([...dependencies].map(([p, deps]) => [p, deps.length]));
  const ready = [...remaining].filter(([, n]) => n === 0).map(([p]) => p);
  while (ready.length > 0) {
    const position = ready.pop() as number;
    remaining.delete(position);
    for (const next of successors.get(position) ?? []) {
      const left = (remaining.get(next) ?? 0) - 1;
      remaining.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (remaining.size > 0) {
    const stuck = [...remaining.keys()].sort((a, b) => a - b).join(', ');
    throw new Error(`BPMN export: dependency cycle among steps ${stuck}`);
  }
}

/**
 * Expands the step graph into BPMN flow nodes and sequence flows:
 * start → (fork) → roots; ≥2 dependencies → join gateway; ≥2 successors → fork gateway;
 * leaves → (join) → end. `laneIdOf` places each step; gateways share their step's lane.
 */
export function buildFlowGraph(graph: StepGraph, laneIdOf: (step: BpmnStepInput) => string): FlowGraph {
  const builder = new FlowGraphBuilder(graph);
  const roots = graph.steps.filter((s) => graph.dependencies.get(s.position)?.length === 0);
  const leaves = graph.steps.filter((s) => graph.successors.get(s.position)?.length === 0);
  const startLane = roots.length > 0 ? laneIdOf(roots[0]) : '';
  const endLane = leaves.length > 0 ? laneIdOf(leaves[0]) : startLane;

  builder.addNode({ id: START_EVENT_ID, kind: 'start', laneId: startLane });
  builder.fanOut(
    START_EVENT_ID,
    START_FORK_ID,
    startLane,
    roots.map((s) => builder.entryOf(s.position)),
  );
  for (const step of graph.steps) builder.addStep(step, laneIdOf(step));
  builder.addNode({ id: END_EVENT_ID, kind: 'end', laneId: endLane });
  builder.fanIn(
    leaves.map((s) => taskId(s.position)),
    END_JOIN_ID,
    endLane,
    END_EVENT_ID,
  );
  return builder.result();
}

class FlowGraphBuilder {
  private readonly nodes: FlowNodeSpec[] = [];
  private readonly edges: FlowEdgeSpec[] = [];

  constructor(private readonly graph: StepGraph) {}

  /** Where flows into a step arrive: its join gateway if it has one. */
  entryOf(position: number): string {
    return this.countOf(this.graph.dependencies, position) >= 2
      ? `Gateway_Join_${position}`
      : taskId(position);
  }

  /** Where flows out of a step leave: its fork gateway if it has one. */
  exitOf(position: number): string {
    return this.countOf(this.graph.successors, position) >= 2 ? `Gateway_Fork_${position}` : taskId(position);
  }

  addNode(node: FlowNodeSpec): void {
    this.nodes.push(node);
  }

  connect(sourceId: string, targetId: string, evidence?: DependencyEvidence): void {
    this.edges.push({ id: `Flow_${this.edges.length + 1}`, sourceId, targetId, evidence });
  }

  addStep(step: BpmnStepInput, laneId: string): void {
    const id = taskId(step.position);
    const entry = this.entryOf(step.position);
    const exit = this.exitOf(step.position);
    if (entry !== id) this.addNode({ id: entry, kind: 'join', laneId });
    this.addNode({ id, kind: 'task', laneId, step });
    if (exit !== id) this.addNode({ id: exit, kind: 'fork', laneId });
    for (const dep of this.graph.dependencies.get(step.position) ?? []) {
      this.connect(
        this.exitOf(dep),
        entry,
        step.evidence?.find((e) => e.on === dep),
      );
    }
    if (entry !== id) this.connect(entry, id);
    if (exit !== id) this.connect(id, exit);
  }

  /** source → target directly, or through a fork gateway when there are several targets. */
  fanOut(sourceId: string, forkId: string, laneId: string, targetIds: string[]): void {
    if (targetIds.length <= 1) {
      targetIds.forEach((target) => this.connect(sourceId, target));
      if (targetIds.length === 0) this.connect(sourceId, END_EVENT_ID); // empty template: start → end
      return;
    }
    this.addNode({ id: forkId, kind: 'fork', laneId });
    this.connect(sourceId, forkId);
    targetIds.forEach((target) => this.connect(forkId, target));
  }

  /** sources → target directly, or through a join gateway when there are several sources. */
  fanIn(sourceIds: string[], joinId: string, laneId: string, targetId: string): void {
    if (sourceIds.length <= 1) {
      sourceIds.forEach((source) => this.connect(source, targetId));
      return;
    }
    this.addNode({ id: joinId, kind: 'join', laneId });
    sourceIds.forEach((source) => this.connect(source, joinId));
    this.connect(joinId, targetId);
  }

  result(): FlowGraph {
    return { nodes: this.nodes, edges: this.edges };
  }

  private countOf(map: Map<number, number[]>, position: number): number {
    return map.get(position)?.length ?? 0;
  }
}
