import type {
  BpmnCollaboration,
  BpmnDefinitions,
  BpmnDocumentation,
  BpmnEndEvent,
  BpmnLane,
  BpmnLaneSet,
  BpmnModdleTypeMap,
  BpmnParallelGateway,
  BpmnParticipant,
  BpmnProcess,
  BpmnSequenceFlow,
  BpmnStartEvent,
  BpmnUserTask,
  BpmndiBPMNDiagram,
  BpmndiBPMNEdge,
  BpmndiBPMNPlane,
  BpmndiBPMNShape,
  BpmndiModdleTypeMap,
  DcBounds,
  DcModdleTypeMap,
  DcPoint,
} from 'bpmn-moddle/dist/types';

// Type-only import: the package ships generated element types under dist/types but no types for the
// BpmnModdle class itself, and its "exports" map hides them from our node10 module resolution, so we
// reach the .d.ts by path and type the few methods we call below.
type ElementTypeMap = BpmnModdleTypeMap & BpmndiModdleTypeMap & DcModdleTypeMap;

/** Attributes accepted by `create` for the element types this exporter uses. */
interface ElementAttrs {
  'bpmn:Definitions': BpmnDefinitions;
  'bpmn:Collaboration': BpmnCollaboration;
  'bpmn:Participant': BpmnParticipant;
  'bpmn:Process': BpmnProcess;
  'bpmn:LaneSet': BpmnLaneSet;
  'bpmn:Lane': BpmnLane;
  'bpmn:StartEvent': BpmnStartEvent;
  'bpmn:EndEvent': BpmnEndEvent;
  'bpmn:UserTask': BpmnUserTask;
  'bpmn:ParallelGateway': BpmnParallelGateway;
  'bpmn:SequenceFlow': BpmnSequenceFlow;
  'bpmn:Documentation': BpmnDocumentation;
  'bpmndi:BPMNDiagram': BpmndiBPMNDiagram;
  'bpmndi:BPMNPlane': BpmndiBPMNPlane;
  'bpmndi:BPMNShape': BpmndiBPMNShape;
  'bpmndi:BPMNEdge': BpmndiBPMNEdge;
  'dc:Bounds': DcBounds;
  'dc:Point': DcPoint;
}

export type BpmnElementType = keyof ElementAttrs;
export type BpmnElement<K extends BpmnElementType> = ElementTypeMap[K];
export type AnyBpmnElement = ElementTypeMap[BpmnElementType];

export interface BpmnParseResult {
  rootElement: BpmnElement<'bpmn:Definitions'>;
  warnings: Error[];
  elementsById: Record<string, AnyBpmnElement>;
}

/** The subset of bpmn-moddle's BpmnModdle API this module uses. */
export interface BpmnModdle {
  create<K extends BpmnElementType>(type: K, attrs: ElementAttrs[K]): BpmnElement<K>;
  toXML(element: AnyBpmnElement, options?: { format?: boolean }): Promise<{ xml: string }>;
  fromXML(xml: string): Promise<BpmnParseResult>;
}

type BpmnModdleConstructor = new () => BpmnModdle;

let cachedConstructor: BpmnModdleConstructor | undefined;

/**
 * A fresh BpmnModdle instance.
 *
 * bpmn-moddle 10 and its dependencies (moddle, moddle-xml, min-dash, saxen) are ESM-only as far as
 * their "exports" maps go; min-dash has no CommonJS build at all, so bpmn-moddle's dist/index.cjs
 * does not help. Node ≥ 20.19 can `require()` ES modules, so compiled (CommonJS) code is fine, but
 * Jest's own module loader cannot and fails with "Cannot use import statement outside a module".
 * We therefore load through Node's native require (process.getBuiltinModule bypasses Jest's module
 * registry) — it works identically in production and in every Jest suite, without jest config
 * changes. It is loaded lazily so merely importing this file never touches the package.
 */
export function createBpmnModdle(): BpmnModdle {
  cachedConstructor ??= loadConstructor();
  return new cachedConstructor();
}

function loadConstructor(): BpmnModdleConstructor {
  const nativeRequire = process.getBuiltinModule('node:module').createRequire(__filename);
  const loaded = nativeRequire('bpmn-moddle') as { BpmnModdle?: BpmnModdleConstructor };
  if (typeof loaded.BpmnModdle !== 'function') {
    throw new Error('bpmn-moddle did not export a BpmnModdle constructor');
  }
  return loaded.BpmnModdle;
}
