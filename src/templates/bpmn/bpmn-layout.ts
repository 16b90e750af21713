import { FlowGraph, FlowNodeKind, FlowNodeSpec } from 'src/templates/bpmn/bpmn-graph';

// A simple layered layout for the diagram interchange: x by longest-path depth from the start
// event, y by lane; nodes sharing a lane and a layer are stacked in extra rows of a taller lane.

export interface Point {
  x: number;
  y: number;
}

export interface Bounds extends Point {
  width: number;
  height: number;
}

export interface DiagramLayout {
  participant: Bounds;
  lanes: Map<string, Bounds>;
  nodes: Map<string, Bounds>;
  edges: Map<string, Point[]>;
}

const LAYER_WIDTH = 180;
const ROW_HEIGHT = 120;
const ORIGIN: Point = { x: 160, y: 80 };
const LABEL_BAND = 30; // the vertical name band bpmn-js draws for participants and for lanes
const NODE_SIZE: Record<FlowNodeKind, { width: number; height: number }> = {
  start: { width: 36, height: 36 },
  end: { width: 36, height: 36 },
  task: { width: 100, height: 80 },
  fork: { width: 50, height: 50 },
  join: { width: 50, height: 50 },
};

/** `laneIds` in display order; without lanes (a template with no steps) nodes sit in one unnamed band. */
export function layoutDiagram(graph: FlowGraph, laneIds: string[]): DiagramLayout {
  const depths = longestPathDepths(graph);
  const rows = assignRows(graph.nodes, depths);
  const bands = laneIds.length > 0 ? laneIds : [...new Set(graph.nodes.map((n) => n.laneId))];
  const layers = Math.max(0, ...depths.values()) + 1;
  const width = 2 * LABEL_BAND + layers * LAYER_WIDTH;
  const lanes = stackLanes(bands, rowsPerLane(graph.nodes, rows), width - LABEL_BAND);
  const nodes = new Map(graph.nodes.map((n) => [n.id, nodeBounds(n, depths, rows, lanes)]));
  const height = [...lanes.values()].reduce((sum, lane) => sum + lane.height, 0);
  const place = placedNode(graph.nodes, nodes);
  const edges = new Map(graph.edges.map((e) => [e.id, routeEdge(place(e.sourceId), place(e.targetId))]));
  const participant = { ...ORIGIN, width, height: Math.max(height, ROW_HEIGHT) };
  return { participant, lanes: laneIds.length > 0 ? lanes : new Map<string, Bounds>(), nodes, edges };
}

// Longest path from the start over the (acyclic) flow graph, in topological order.
function longestPathDepths(graph: FlowGraph): Map<string, number> {
  const indegree = new Map(graph.nodes.map((n) => [n.id, 0]));
  graph.edges.forEach((e) => indegree.set(e.targetId, (indegree.get(e.targetId) ?? 0) + 1));
  const depths = new Map(graph.nodes.map((n) => [n.id, 0]));
  const ready = graph.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  while (ready.length > 0) {
    const id = ready.shift() as string;
    for (const edge of graph.edges.filter((e) => e.sourceId === id)) {
      depths.set(edge.targetId, Math.max(depths.get(edge.targetId) ?? 0, (depths.get(id) ?? 0) + 1));
      const left = (indegree.get(edge.targetId) ?? 0) - 1;
      indegree.set(edge.targetId, left);
      if (left === 0) ready.push(edge.targetId);
    }
  }
  return depths;
}

// Row within the node's lane: 0 unless an earlier node already sits in the same lane and layer.
function assignRows(nodes: FlowNodeSpec[], depths: Map<string, number>): Map<string, number> {
  const taken = new Map<string, number>();
  const rows = new Map<string, number>();
  for (const node of nodes) {
    const slot = `${node.laneId}|${depths.get(node.id) ?? 0}`;
    const row = taken.get(slot) ?? 0;
    taken.set(slot, row + 1);
    rows.set(node.id, row);
  }
  return rows;
}

function rowsPerLane(nodes: FlowNodeSpec[], rows: Map<string, number>): Map<string, number> {
  const perLane = new Map<string, number>();
  for (const node of nodes) {
    perLane.set(node.laneId, Math.max(perLane.get(node.laneId) ?? 1, (rows.get(node.id) ?? 0) + 1));
  }
  return perLane;
}

function stackLanes(bands: string[], rowsByLane: Map<string, number>, width: number): Map<string, Bounds> {
  const lanes = new Map<string, Bounds>();
  let y = ORIGIN.y;
  for (const id of bands) {
    const height = (rowsByLane.get(id) ?? 1) * ROW_HEIGHT;
    lanes.set(id, { x: ORIGIN.x + LABEL_BAND, y, width, height });
    y += height;
  }
  return lanes;
}

function nodeBounds(
  node: FlowNodeSpec,
  depths: Map<string, number>,
  rows: Map<string, number>,
  lanes: Map<string, Bounds>,
): Bounds {
  const { width, height } = NODE_SIZE[node.kind];
  const laneY = lanes.get(node.laneId)?.y ?? ORIGIN.y;
  const centerX = ORIGIN.x + 2 * LABEL_BAND + (depths.get(node.id) ?? 0) * LAYER_WIDTH + LAYER_WIDTH / 2;
  const centerY = laneY + (rows.get(node.id) ?? 0) * ROW_HEIGHT + ROW_HEIGHT / 2;
  return { x: centerX - width / 2, y: centerY - height / 2, width, height };
}

interface PlacedNode extends Bounds {
  kind: FlowNodeKind;
}

function placedNode(specs: FlowNodeSpec[], bounds: Map<string, Bounds>): (id: string) => PlacedNode {
  const kinds = new Map(specs.map((n) => [n.id, n.kind]));
  return (id) => {
    const kind = kinds.get(id);
    const box = bounds.get(id);
    if (!kind || !box) throw new Error(`BPMN layout: sequence flow references unknown node ${id}`);
    return { ...box, kind };
  };
}

// Orthogonal routing, always left to right (targets sit in later layers): forks leave through their
// top/bottom corner, joins are entered through theirs, other flows bend halfway between the layers.
function routeEdge(source: PlacedNode, target: PlacedNode): Point[] {
  const sy = source.y + source.height / 2;
  const ty = target.y + target.height / 2;
  const sx = source.x + source.width;
  if (sy === ty)
    return [
      { x: sx, y: sy },
      { x: target.x, y: ty },
    ];
  const down = ty > sy;
  if (isGateway(source)) {
    const cx = source.x + source.width / 2;
    return [
      { x: cx, y: down ? source.y + source.height : source.y },
      { x: cx, y: ty },
      { x: target.x, y: ty },
    ];
  }
  if (isGateway(target)) {
    const cx = target.x + target.width / 2;
    return [
      { x: sx, y: sy },
      { x: cx, y: sy },
      { x: cx, y: down ? target.y : target.y + target.height },
    ];
  }
  const midX = Math.round((sx + target.x) / 2);
  return [
    { x: sx, y: sy },
    { x: midX, y: sy },
    { x: midX, y: ty },
    { x: target.x, y: ty },
  ];
}

function isGateway(node: PlacedNode): boolean {
  return node.kind === 'fork' || node.kind === 'join';
}
