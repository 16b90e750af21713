import { BpmnStepInput, BpmnTemplateInput } from 'src/templates/bpmn/bpmn-input';
import { BpmnElement, BpmnElementType, createBpmnModdle } from 'src/templates/bpmn/bpmn-moddle-loader';
import { buildTemplateBpmn } from 'src/templates/bpmn/template-bpmn';

const CANLIAN = { id: 'dep-canlian', name: '奇台县残联' };
const AGRICULTURE = { id: 'dep-agri', name: '奇台县农业农村局' };
const FORESTRY = { id: 'dep-forest', name: '奇台县林业和草原局' };
const TOWNSHIP = { id: 'town-1', name: '三个庄子镇' };

function step(position: number, overrides: Partial<BpmnStepInput> = {}): BpmnStepInput {
  return {
    position,
    lane: 'department',
    section: null,
    order: position,
    text: `第 ${position} 步`,
    assignees: [CANLIAN],
    dependsOn: [],
    dueWorkingDays: 5,
    optional: false,
    ...overrides,
  };
}

const townshipStep = (position: number, overrides: Partial<BpmnStepInput> = {}): BpmnStepInput =>
  step(position, { lane: 'township', assignees: [TOWNSHIP], ...overrides });

function template(steps: BpmnStepInput[]): BpmnTemplateInput {
  return {
    id: '7f3c2a9e-0000-4000-8000-000000000001',
    version: 3,
    name: '残疾人证管理',
    township: { name: '三个庄子镇', county: '奇台县' },
    steps,
  };
}

// 残疾人证管理: the department chain 1→2→3 and the township chain 4→5 run in parallel.
const DISABILITY_CARD = template([
  step(1, { text: '受理残疾人证办理申请' }),
  step(2, { text: '组织残疾评定', dependsOn: [1] }),
  step(3, { text: '审核并发放残疾人证', dependsOn: [2] }),
  townshipStep(4, { text: '摸排辖区内持证需求' }),
  townshipStep(5, { text: '协助群众提交申请材料', dependsOn: [4] }),
]);

type Lane = BpmnElement<'bpmn:Lane'>;
type FlowNode = BpmnElement<'bpmn:UserTask'> | BpmnElement<'bpmn:ParallelGateway'>;
type Flow = BpmnElement<'bpmn:SequenceFlow'>;
type Shape = BpmnElement<'bpmndi:BPMNShape'>;
type Edge = BpmnElement<'bpmndi:BPMNEdge'>;

interface Parsed {
  definitions: BpmnElement<'bpmn:Definitions'>;
  process: BpmnElement<'bpmn:Process'>;
  lanes: Lane[];
  nodes: FlowNode[]; // every flow element except sequence flows
  flows: Flow[];
  shapes: Shape[];
  edges: Edge[];
}

function ofType<K extends BpmnElementType>(elements: { $type: string }[], type: K): BpmnElement<K>[] {
  return elements.filter((e) => e.$type === type) as unknown as BpmnElement<K>[];
}

// Export, read back with bpmn-moddle, and insist on a warning-free import.
async function exportAndParse(input: BpmnTemplateInput): Promise<Parsed> {
  const xml = await buildTemplateBpmn(input);
  const { rootElement: definitions, warnings } = await createBpmnModdle().fromXML(xml);
  expect(warnings).toEqual([]);
  const [process] = ofType(definitions.rootElements ?? [], 'bpmn:Process');
  const flowElements = process.flowElements ?? [];
  const planeElements = definitions.diagrams?.[0]?.plane?.planeElement ?? [];
  return {
    definitions,
    process,
    lanes: (process.laneSets?.[0]?.lanes ?? []) as Lane[],
    nodes: flowElements.filter((e) => e.$type !== 'bpmn:SequenceFlow') as FlowNode[],
    flows: ofType(flowElements, 'bpmn:SequenceFlow'),
    shapes: ofType(planeElements, 'bpmndi:BPMNShape'),
    edges: ofType(planeElements, 'bpmndi:BPMNEdge'),
  };
}

const idsOf = (elements: { id?: string }[] | undefined): string[] => (elements ?? []).map((e) => e.id ?? '');
const node = (parsed: Parsed, id: string): FlowNode | undefined => parsed.nodes.find((n) => n.id === id);
const gateways = (parsed: Parsed): FlowNode[] =>
  parsed.nodes.filter((n) => n.$type === 'bpmn:ParallelGateway');
const successorIds = (parsed: Parsed, id: string): string[] =>
  (node(parsed, id)?.outgoing ?? []).map((f) => f.targetRef?.id ?? '');
const predecessorIds = (parsed: Parsed, id: string): string[] =>
  (node(parsed, id)?.incoming ?? []).map((f) => f.sourceRef?.id ?? '');

// Sequence-flow ends exist, and incoming/outgoing lists mirror sourceRef/targetRef exactly.
function expectConsistentFlows(parsed: Parsed): void {
  const nodeIds = new Set(idsOf(parsed.nodes));
  for (const flow of parsed.flows) {
    expect(nodeIds).toContain(flow.sourceRef?.id);
    expect(nodeIds).toContain(flow.targetRef?.id);
    expect(idsOf(flow.sourceRef?.outgoing)).toContain(flow.id);
    expect(idsOf(flow.targetRef?.incoming)).toContain(flow.id);
  }
  for (const n of parsed.nodes) {
    for (const flow of n.incoming ?? []) expect(flow.targetRef?.id).toBe(n.id);
    for (const flow of n.outgoing ?? []) expect(flow.sourceRef?.id).toBe(n.id);
  }
}

function shapeBounds(parsed: Parsed, id: string) {
  const bounds = parsed.shapes.find((s) => s.bpmnElement?.id === id)?.bounds;
  if (!bounds) throw new Error(`no shape for ${id}`);
  return { x: bounds.x ?? 0, y: bounds.y ?? 0, width: bounds.width ?? 0, height: bounds.height ?? 0 };
}

function expectInside(parsed: Parsed, innerId: string, outerId: string): void {
  const inner = shapeBounds(parsed, innerId);
  const outer = shapeBounds(parsed, outerId);
  expect(inner.x).toBeGreaterThanOrEqual(outer.x);
  expect(inner.y).toBeGreaterThanOrEqual(outer.y);
  expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width);
  expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height);
}

describe(buildTemplateBpmn, () => {
  describe('the 残疾人证管理 template (two parallel chains)', () => {
    let parsed: Parsed;
    beforeAll(async () => {
      parsed = await exportAndParse(DISABILITY_CARD);
    });

    it('has definitions metadata and one collaboration with a participant on a non-executable process', () => {
      expect(parsed.definitions).toMatchObject({
        targetNamespace: 'https://dutyflow.local/bpmn',
        exporter: 'dutyflow',
        exporterVersion: '0.1.0',
      });
      const [collaboration] = ofType(parsed.definitions.rootElements ?? [], 'bpmn:Collaboration');
      expect(collaboration.participants).toHaveLength(1);
      expect(collaboration.participants?.[0]?.processRef?.id).toBe(parsed.process.id);
      expect(parsed.process.isExecutable).toBe(false);
      expect(parsed.process.name).toBe('奇台县三个庄子镇 残疾人证管理（第 3 版）');
    });

    it('puts the department chain and the township chain in their own lanes, department first', () => {
      expect(parsed.lanes.map((l) => l.name)).toEqual(['奇台县残联', '三个庄子镇']);
      expect(idsOf(parsed.lanes[0].flowNodeRef)).toEqual(
        expect.arrayContaining(['Step_1', 'Step_2', 'Step_3']),
      );
      expect(idsOf(parsed.lanes[1].flowNodeRef)).toEqual(expect.arrayContaining(['Step_4', 'Step_5']));
      expect(idsOf(parsed.lanes[1].flowNodeRef)).not.toContain('Step_1');
    });

    it('places every flow node in exactly one lane', () => {
      const laneMembers = parsed.lanes.flatMap((l) => idsOf(l.flowNodeRef));
      expect([...laneMembers].sort()).toEqual(idsOf(parsed.nodes).sort());
    });

    it('turns each step into a user task named after its text', () => {
      const tasks = ofType(parsed.nodes, 'bpmn:UserTask');
      expect(idsOf(tasks)).toEqual(['Step_1', 'Step_2', 'Step_3', 'Step_4', 'Step_5']);
      expect(tasks[0].name).toBe('受理残疾人证办理申请');
    });

    it('forks after the start event and joins before the end event', () => {
      const [start] = ofType(parsed.nodes, 'bpmn:StartEvent');
      const [end] = ofType(parsed.nodes, 'bpmn:EndEvent');
      expect(start.name).toBe('办件开启');
      expect(end.name).toBe('办结');
      const [fork] = successorIds(parsed, start.id ?? '');
      expect(node(parsed, fork)?.$type).toBe('bpmn:ParallelGateway');
      expect(successorIds(parsed, fork).sort()).toEqual(['Step_1', 'Step_4']);
      const [join] = predecessorIds(parsed, end.id ?? '');
      expect(node(parsed, join)?.$type).toBe('bpmn:ParallelGateway');
      expect(predecessorIds(parsed, join).sort()).toEqual(['Step_3', 'Step_5']);
      expect(gateways(parsed)).toHaveLength(2);
    });

    it('chains the steps of each lane', () => {
      expect(successorIds(parsed, 'Step_1')).toEqual(['Step_2']);
      expect(successorIds(parsed, 'Step_2')).toEqual(['Step_3']);
      expect(successorIds(parsed, 'Step_4')).toEqual(['Step_5']);
    });

    it('keeps sequence flows and incoming/outgoing references consistent', () => {
      expectConsistentFlows(parsed);
    });

    it('draws a shape for every flow node and lane and an edge with ≥2 waypoints per flow', () => {
      const shaped = parsed.shapes.map((s) => s.bpmnElement?.id);
      expect(shaped).toEqual(
        expect.arrayContaining([...idsOf(parsed.nodes), ...idsOf(parsed.lanes), 'Participant_1']),
      );
      expect(parsed.edges.map((e) => e.bpmnElement?.id).sort()).toEqual(idsOf(parsed.flows).sort());
      for (const edge of parsed.edges) expect((edge.waypoint ?? []).length).toBeGreaterThanOrEqual(2);
    });

    it('lays tasks out inside their lanes, lanes inside the participant, left to right along the chain', () => {
      for (const id of ['Step_1', 'Step_2', 'Step_3']) expectInside(parsed, id, 'Lane_1');
      for (const id of ['Step_4', 'Step_5']) expectInside(parsed, id, 'Lane_2');
      for (const id of ['Lane_1', 'Lane_2', 'StartEvent_1', 'EndEvent_1'])
        expectInside(parsed, id, 'Participant_1');
      expect(shapeBounds(parsed, 'Step_2').x).toBeGreaterThan(shapeBounds(parsed, 'Step_1').x);
      expect(shapeBounds(parsed, 'EndEvent_1').x).toBeGreaterThan(shapeBounds(parsed, 'Step_3').x);
    });
  });

  it('gives a joint-department step its own lane named with 、', async () => {
    const parsed = await exportAndParse(
      template([
        step(1),
        step(2, { assignees: [AGRICULTURE, FORESTRY], dependsOn: [1] }),
        townshipStep(3, { dependsOn: [2] }),
      ]),
    );
    expect(parsed.lanes.map((l) => l.name)).toEqual([
      '奇台县残联',
      '奇台县农业农村局、奇台县林业和草原局',
      '三个庄子镇',
    ]);
    expect(idsOf(parsed.lanes[1].flowNodeRef)).toEqual(['Step_2']);
    expect(gateways(parsed)).toHaveLength(0);
    expectConsistentFlows(parsed);
  });

  it('adds a join gateway before a step with two dependencies and a fork after a step with two successors', async () => {
    const parsed = await exportAndParse(
      template([
        step(1),
        step(2, { dependsOn: [1] }),
        townshipStep(3, { dependsOn: [1] }),
        step(4, { dependsOn: [2, 3] }),
      ]),
    );
    expect(successorIds(parsed, 'Step_1')).toEqual(['Gateway_Fork_1']);
    expect(successorIds(parsed, 'Gateway_Fork_1').sort()).toEqual(['Step_2', 'Step_3']);
    expect(predecessorIds(parsed, 'Step_4')).toEqual(['Gateway_Join_4']);
    expect(predecessorIds(parsed, 'Gateway_Join_4').sort()).toEqual(['Step_2', 'Step_3']);
    expect(idsOf(gateways(parsed)).sort()).toEqual(['Gateway_Fork_1', 'Gateway_Join_4']);
    expect(successorIds(parsed, 'StartEvent_1')).toEqual(['Step_1']);
    expect(predecessorIds(parsed, 'EndEvent_1')).toEqual(['Step_4']);
    expectConsistentFlows(parsed);
  });

  it('runs two township sections in parallel in one taller lane and documents the section', async () => {
    const parsed = await exportAndParse(
      template([
        townshipStep(1, { section: '入户核查', text: '入户核查' }),
        townshipStep(2, { section: '入户核查', text: '填写核查表', dependsOn: [1] }),
        townshipStep(3, { section: '公示', text: '村内公示' }),
        townshipStep(4, { section: '公示', text: '收集反馈', dependsOn: [3] }),
      ]),
    );
    expect(parsed.lanes.map((l) => l.name)).toEqual(['三个庄子镇']);
    expect(successorIds(parsed, 'Gateway_Fork_Start').sort()).toEqual(['Step_1', 'Step_3']);
    expect(predecessorIds(parsed, 'Gateway_Join_End').sort()).toEqual(['Step_2', 'Step_4']);
    const [first, , third] = ofType(parsed.nodes, 'bpmn:UserTask');
    expect(first.documentation?.[0]?.text).toContain('环节：入户核查');
    expect(third.documentation?.[0]?.text).toContain('环节：公示');
    // Parallel sections share a layer, so they stack in two rows of the same lane.
    expect(shapeBounds(parsed, 'Step_3').x).toBe(shapeBounds(parsed, 'Step_1').x);
    expect(shapeBounds(parsed, 'Step_3').y).toBeGreaterThan(shapeBounds(parsed, 'Step_1').y);
    for (const id of ['Step_1', 'Step_2', 'Step_3', 'Step_4']) expectInside(parsed, id, 'Lane_1');
    expectConsistentFlows(parsed);
  });

  it('exports a single-step template as start → task → end without gateways', async () => {
    const parsed = await exportAndParse(template([step(1)]));
    expect(gateways(parsed)).toHaveLength(0);
    expect(successorIds(parsed, 'StartEvent_1')).toEqual(['Step_1']);
    expect(successorIds(parsed, 'Step_1')).toEqual(['EndEvent_1']);
    expect(parsed.flows).toHaveLength(2);
    expect(parsed.edges).toHaveLength(2);
    expectConsistentFlows(parsed);
  });

  it('exports a template without steps as start → end', async () => {
    const parsed = await exportAndParse(template([]));
    expect(successorIds(parsed, 'StartEvent_1')).toEqual(['EndEvent_1']);
    expect(parsed.lanes).toHaveLength(0);
  });

  it('shortens long task names and keeps the full text, deadline and 可选 in the documentation', async () => {
    const text = '对辖区内申请残疾人证的群众进行入户走访核实，'.repeat(4);
    const parsed = await exportAndParse(template([step(1, { text, optional: true, dueWorkingDays: 7 })]));
    const [task] = ofType(parsed.nodes, 'bpmn:UserTask');
    expect(Array.from(task.name ?? '')).toHaveLength(60);
    expect(task.name?.endsWith('…')).toBe(true);
    const documentation = task.documentation?.[0]?.text ?? '';
    expect(documentation).toContain(text);
    expect(documentation).toContain('期限 7 个工作日');
    expect(documentation).toContain('可选');
  });

  it('rejects a dependency cycle', async () => {
    const cyclic = template([
      step(1, { dependsOn: [3] }),
      step(2, { dependsOn: [1] }),
      step(3, { dependsOn: [2] }),
    ]);
    await expect(buildTemplateBpmn(cyclic)).rejects.toThrow('dependency cycle among steps 1, 2, 3');
    await expect(buildTemplateBpmn(template([step(1, { dependsOn: [1] })]))).rejects.toThrow(/cycle/);
  });

  it('rejects a dependency on an unknown position', async () => {
    const dangling = template([step(1), step(2, { dependsOn: [1, 9] })]);
    await expect(buildTemplateBpmn(dangling)).rejects.toThrow('step 2 depends on unknown position 9');
  });
});
