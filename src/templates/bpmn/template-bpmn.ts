import { analyseSteps, buildFlowGraph } from 'src/templates/bpmn/bpmn-graph';
import { BpmnTemplateInput } from 'src/templates/bpmn/bpmn-input';
import { planLanes } from 'src/templates/bpmn/bpmn-lanes';
import { layoutDiagram } from 'src/templates/bpmn/bpmn-layout';
import { buildDiagram } from 'src/templates/bpmn/bpmn-diagram';
import { createBpmnModdle } from 'src/templates/bpmn/bpmn-moddle-loader';
import { buildSemanticModel } from 'src/templates/bpmn/bpmn-semantic';

export const BPMN_TARGET_NAMESPACE = 'https://dutyflow.local/bpmn';
export const BPMN_EXPORTER = 'dutyflow';
export const BPMN_EXPORTER_VERSION = '0.1.0';

/**
 * One template version as BPMN 2.0 XML (collaboration + process with lanes, user tasks, parallel
 * gateways, and a diagram) that bpmn-moddle reads back without warnings, so Camunda Modeler and
 * bpmn.io open it. Throws on unknown dependency positions or dependency cycles — the API validates
 * templates first, so that is a programming error.
 */
export async function buildTemplateBpmn(input: BpmnTemplateInput): Promise<string> {
  const steps = analyseSteps(input.steps);
  const lanePlan = planLanes(steps.steps, input.township.name);
  const graph = buildFlowGraph(steps, lanePlan.laneIdOf);
  const layout = layoutDiagram(
    graph,
    lanePlan.lanes.map((lane) => lane.id),
  );
  const moddle = createBpmnModdle();
  const model = buildSemanticModel(moddle, input, graph, lanePlan.lanes);
  const definitions = moddle.create('bpmn:Definitions', {
    id: 'Definitions_1',
    targetNamespace: BPMN_TARGET_NAMESPACE,
    exporter: BPMN_EXPORTER,
    exporterVersion: BPMN_EXPORTER_VERSION,
    rootElements: [model.collaboration, model.process],
    diagrams: [buildDiagram(moddle, model, layout)],
  });
  const { xml } = await moddle.toXML(definitions, { format: true });
  return xml;
}
