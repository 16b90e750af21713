import { FlowGraph, FlowNodeSpec } from 'src/templates/bpmn/bpmn-graph';
import { BpmnTemplateInput } from 'src/templates/bpmn/bpmn-input';
import { LaneSpec } from 'src/templates/bpmn/bpmn-lanes';
import { BpmnElement, BpmnModdle } from 'src/templates/bpmn/bpmn-moddle-loader';
import { evidenceText, taskText } from 'src/templates/bpmn/bpmn-task-text';

// The semantic half of the export: collaboration → participant → process with lanes, flow nodes and
// sequence flows, every flow node carrying incoming/outgoing references consistent with the flows.

export type FlowNodeElement =
  | BpmnElement<'bpmn:StartEvent'>
  | BpmnElement<'bpmn:EndEvent'>
  | BpmnElement<'bpmn:UserTask'>
  | BpmnElement<'bpmn:ParallelGateway'>;

export interface SemanticModel {
  collaboration: BpmnElement<'bpmn:Collaboration'>;
  participant: BpmnElement<'bpmn:Participant'>;
  process: BpmnElement<'bpmn:Process'>;
  lanes: Map<string, BpmnElement<'bpmn:Lane'>>;
  nodes: Map<string, FlowNodeElement>;
  flows: Map<string, BpmnElement<'bpmn:SequenceFlow'>>;
}

export const START_EVENT_NAME = '办件开启';
export const END_EVENT_NAME = '办结';

export function processName(input: BpmnTemplateInput): string {
  return `${input.township.county}${input.township.name} ${input.name}（第 ${input.version} 版）`;
}

export function buildSemanticModel(
  moddle: BpmnModdle,
  input: BpmnTemplateInput,
  graph: FlowGraph,
  laneSpecs: LaneSpec[],
): SemanticModel {
  const laneNames = new Map(laneSpecs.map((lane) => [lane.id, lane.name]));
  const nodes = new Map(
    graph.nodes.map((n) => [n.id, createFlowNode(moddle, n, laneNames.get(n.laneId) ?? '')]),
  );
  const flows = createSequenceFlows(moddle, graph, nodes);
  const lanes = createLanes(moddle, graph, laneSpecs, nodes);
  const name = processName(input);
  const process = moddle.create('bpmn:Process', {
    id: 'Process_1',
    name,
    isExecutable: false,
    laneSets:
      lanes.size > 0 ? [moddle.create('bpmn:LaneSet', { id: 'LaneSet_1', lanes: [...lanes.values()] })] : [],
    flowElements: [...nodes.values(), ...flows.values()],
  });
  const participant = moddle.create('bpmn:Participant', { id: 'Participant_1', name, processRef: process });
  const collaboration = moddle.create('bpmn:Collaboration', {
    id: 'Collaboration_1',
    participants: [participant],
  });
  return { collaboration, participant, process, lanes, nodes, flows };
}

function createFlowNode(moddle: BpmnModdle, node: FlowNodeSpec, laneName: string): FlowNodeElement {
  const { id } = node;
  switch (node.kind) {
    case 'start':
      return moddle.create('bpmn:StartEvent', { id, name: START_EVENT_NAME });
    case 'end':
      return moddle.create('bpmn:EndEvent', { id, name: END_EVENT_NAME });
    case 'fork':
      return moddle.create('bpmn:ParallelGateway', { id, gatewayDirection: 'Diverging' });
    case 'join':
      return moddle.create('bpmn:ParallelGateway', { id, gatewayDirection: 'Converging' });
    case 'task': {
      if (!node.step) throw new Error(`BPMN export: task ${id} has no step`);
      const text = taskText(node.step, laneName);
      const documentation = [moddle.create('bpmn:Documentation', { text: text.documentation })];
      return moddle.create('bpmn:UserTask', { id, name: text.name, documentation });
    }
  }
}

// Creates the flows and fills each node's incoming/outgoing lists (set once, after all flows exist).
function createSequenceFlows(
  moddle: BpmnModdle,
  graph: FlowGraph,
  nodes: Map<string, FlowNodeElement>,
): Map<string, BpmnElement<'bpmn:SequenceFlow'>> {
  const flows = new Map<string, BpmnElement<'bpmn:SequenceFlow'>>();
  const incoming = new Map(graph.nodes.map((n) => [n.id, [] as BpmnElement<'bpmn:SequenceFlow'>[]]));
  const outgoing = new Map(graph.nodes.map((n) => [n.id, [] as BpmnElement<'bpmn:SequenceFlow'>[]]));
  for (const edge of graph.edges) {
    const sourceRef = nodes.get(edge.sourceId);
    const targetRef = nodes.get(edge.targetId);
    if (!sourceRef || !targetRef) throw new Error(`BPMN export: flow ${edge.id} has a dangling end`);
    const text = edge.evidence ? evidenceText(edge.evidence) : null;
    const flow = moddle.create('bpmn:SequenceFlow', {
      id: edge.id,
      sourceRef,
      targetRef,
      ...(text?.name !== undefined && { name: text.name }),
      ...(text && { documentation: [moddle.create('bpmn:Documentation', { text: text.documentation })] }),
    });
    flows.set(edge.id, flow);
    outgoing.get(edge.sourceId)?.push(flow);
    incoming.get(edge.targetId)?.push(flow);
  }
  for (const [id, node] of nodes) {
    node.incoming = incoming.get(id);
    node.outgoing = outgoing.get(id);
  }
  return flows;
}

function createLanes(
  moddle: BpmnModdle,
  graph: FlowGraph,
  laneSpecs: LaneSpec[],
  nodes: Map<string, FlowNodeElement>,
): Map<string, BpmnElement<'bpmn:Lane'>> {
  const lanes = new Map<string, BpmnElement<'bpmn:Lane'>>();
  for (const spec of laneSpecs) {
    const members = graph.nodes.filter((n) => n.laneId === spec.id).map((n) => nodes.get(n.id));
    const flowNodeRef = members.filter((el): el is FlowNodeElement => el !== undefined);
    lanes.set(spec.id, moddle.create('bpmn:Lane', { id: spec.id, name: spec.name, flowNodeRef }));
  }
  return lanes;
}
