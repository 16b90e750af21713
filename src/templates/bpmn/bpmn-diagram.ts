import { Bounds, DiagramLayout, Point } from 'src/templates/bpmn/bpmn-layout';
import { BpmnElement, BpmnModdle } from 'src/templates/bpmn/bpmn-moddle-loader';
import { FlowNodeElement, SemanticModel } from 'src/templates/bpmn/bpmn-semantic';

// Diagram interchange: one plane on the collaboration with a shape for the participant, each lane and
// each flow node, and an edge per sequence flow, so modelers render the layout instead of nothing.

type PlaneElement = BpmnElement<'bpmndi:BPMNShape'> | BpmnElement<'bpmndi:BPMNEdge'>;
type ShapeTarget = SemanticModel['participant'] | BpmnElement<'bpmn:Lane'> | FlowNodeElement;

export function buildDiagram(
  moddle: BpmnModdle,
  model: SemanticModel,
  layout: DiagramLayout,
): BpmnElement<'bpmndi:BPMNDiagram'> {
  const planeElement: PlaneElement[] = [
    shape(moddle, model.participant, layout.participant, true),
    ...[...model.lanes].map(([id, lane]) => shape(moddle, lane, boundsOf(layout.lanes, id), true)),
    ...[...model.nodes].map(([id, node]) => shape(moddle, node, boundsOf(layout.nodes, id))),
    ...[...model.flows].map(([id, flow]) => edge(moddle, flow, layout.edges.get(id) ?? [])),
  ];
  const plane = moddle.create('bpmndi:BPMNPlane', {
    id: 'BPMNPlane_1',
    bpmnElement: model.collaboration,
    planeElement,
  });
  return moddle.create('bpmndi:BPMNDiagram', { id: 'BPMNDiagram_1', plane });
}

function shape(
  moddle: BpmnModdle,
  element: ShapeTarget,
  bounds: Bounds,
  isHorizontal?: boolean,
): BpmnElement<'bpmndi:BPMNShape'> {
  return moddle.create('bpmndi:BPMNShape', {
    id: `${element.id}_di`,
    bpmnElement: element,
    isHorizontal,
    bounds: moddle.create('dc:Bounds', { ...bounds }),
  });
}

function edge(
  moddle: BpmnModdle,
  flow: BpmnElement<'bpmn:SequenceFlow'>,
  points: Point[],
): BpmnElement<'bpmndi:BPMNEdge'> {
  if (points.length < 2) throw new Error(`BPMN layout: flow ${flow.id} has no route`);
  return moddle.create('bpmndi:BPMNEdge', {
    id: `${flow.id}_di`,
    bpmnElement: flow,
    waypoint: points.map((p) => moddle.create('dc:Point', { x: p.x, y: p.y })),
  });
}

function boundsOf(map: Map<string, Bounds>, id: string): Bounds {
  const bounds = map.get(id);
  if (!bounds) throw new Error(`BPMN layout: no bounds for ${id}`);
  return bounds;
}
