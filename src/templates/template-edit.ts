import { DependencyEvidence, DependencyRule } from 'src/domain/dependency-evidence';
import { GraphProblem } from 'src/domain/workflow';
import { TemplateStepInputDto } from './dto/template.dto';
import { TemplateStepWrite } from './templates.repository';

type PreviousStep = Pick<TemplateStepWrite, 'position' | 'text' | 'standing' | 'evidence'>;

// A person's edit as stored steps. What the person did not touch keeps its reasons: a dependency that
// was already there (same step, same text) keeps its evidence, a new one is the person's. An omitted
// standing mark is taken from the same step of the version being edited, unless the edit wires that
// step into the flow (gives it a predecessor or makes another step wait for it): the person's flow wins.
export function editedStepWrites(
  previous: readonly PreviousStep[],
  input: readonly TemplateStepInputDto[],
): TemplateStepWrite[] {
  const before = new Map(previous.map((step) => [step.position, step]));
  const awaited = new Set(input.flatMap((step) => step.dependsOn));
  return input.map((step) => {
    const same = before.get(step.position);
    const unchanged = same !== undefined && same.text === step.text;
    const evidence: DependencyEvidence[] = step.dependsOn.map(
      (on) =>
        (unchanged && same.evidence.find((e) => e.on === on)) || {
          on,
          rule: DependencyRule.Person,
          words: [],
        },
    );
    return {
      position: step.position,
      lane: step.lane,
      section: step.section ?? null,
      order: step.position,
      text: step.text,
      assigneeDepartmentIds: step.assigneeDepartmentIds,
      dependsOn: step.dependsOn,
      dueWorkingDays: step.dueWorkingDays,
      optional: step.optional,
      standing:
        step.standing ??
        (unchanged && same.standing && step.dependsOn.length === 0 && !awaited.has(step.position)),
      evidence,
    };
  });
}

// A standing duty waits for nothing and gates nothing.
export function findStandingProblems(
  steps: readonly Pick<TemplateStepWrite, 'position' | 'dependsOn' | 'standing'>[],
): GraphProblem[] {
  const standing = new Set(steps.filter((step) => step.standing).map((step) => step.position));
  const problems: GraphProblem[] = [];
  for (const step of steps) {
    if (step.standing && step.dependsOn.length > 0)
      problems.push({ position: step.position, message: '常态化职责环节不设前序环节' });
    for (const on of step.dependsOn.filter((d) => standing.has(d)))
      problems.push({ position: step.position, message: `环节 ${on} 是常态化职责，不能作为前序环节` });
  }
  return problems;
}
