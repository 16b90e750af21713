#!/usr/bin/env python3
"""Plants each of the issue's ten engine bugs, one at a time, in a scratch copy of the repository, runs
the engine-level tests against it and records which tests fail. Usage (from the repository root, after
`npm run build`): TEST_DATABASE_URL=… python3 bench/planted/plant-bugs.py [/tmp/scratch-dir]"""
import json, os, shutil, subprocess, sys

BUGS = {
    'skip allowed on a non-optional step': ('src/workflow/step-progress.service.ts',
        "if (!step.optional) throw", "if (step.optional === null) throw"),
    'reassign not restarting the clock': ('src/workflow/step-oversight.service.ts',
        "step.status === StepStatus.Ready ? this.engine.clockFrom(work, work.now, step.dueWorkingDays) : {};", "{};"),
    'reassign allowed for any role': ('src/workflow/step-guards.ts',
        "    assertSupervises(user, action);\n", ""),
    'cancel leaving open steps open': ('src/workflow/cases.service.ts',
        "work.steps.filter((s) => isUnfinishedStep(s.status))", "work.steps.filter((s) => s.status === StepStatus.Pending)"),
    'duration change restarting from now': ('src/workflow/workflow-engine.service.ts',
        "this.clockFrom(work, step.readyAt, dueWorkingDays)", "this.clockFrom(work, work.now, dueWorkingDays)"),
    'send-back allowed from a finished step': ('src/workflow/step-return.service.ts',
        "if (!isOpenStep(step.status)) {", "if (!isOpenStep(step.status) && !step.completedAt) {"),
    'section selection ignored when opening a case': ('src/workflow/cases.service.ts',
        ".filter((step) => !sections || step.section === null || sections.includes(step.section))", ".filter(() => true)"),
    'template re-time changing completed steps': ('src/workflow/case-retime.service.ts',
        "next !== step.dueWorkingDays && isUnfinishedStep(step.status)", "next !== step.dueWorkingDays"),
    'send-back resets only the target': ('src/domain/workflow.ts',
        "return { reopen: target, reset };", "return { reopen: target, reset: reset.slice(0, 0) };"),
    'case row not locked': ('src/workflow/workflow-engine.service.ts',
        "    await this.cases.lock(manager, caseId);\n", ""),
}

def main() -> None:
    root = os.getcwd()
    scratch = sys.argv[1] if len(sys.argv) > 1 else '/tmp/dutyflow-planted'
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(root, scratch, ignore=shutil.ignore_patterns('node_modules', '.git'))
    os.symlink(os.path.join(root, 'node_modules'), os.path.join(scratch, 'node_modules'))
    results = {}
    for name, (path, before, after) in BUGS.items():
        file = os.path.join(scratch, path)
        original = open(file, encoding='utf8').read()
        assert original.count(before) == 1, f'{name}: anchor not found once in {path}'
        open(file, 'w', encoding='utf8').write(original.replace(before, after))
        try:
            out = os.path.join(scratch, 'planted.json')
            subprocess.run(['npx', 'jest', '--config', 'test/jest-integration.json',
                            'test/integration/workflow-engine.int-spec.ts', '--json', '--outputFile', out],
                           cwd=scratch, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            report = json.load(open(out, encoding='utf8'))
            failed = [t['fullName'] for r in report['testResults'] for t in r['assertionResults']
                      if t['status'] == 'failed']
            results[name] = failed
            print(f'{name}: {len(failed)} failing', flush=True)
            for test in failed:
                print(f'    {test}', flush=True)
        finally:
            open(file, 'w', encoding='utf8').write(original)
    json.dump(results, open(os.path.join(root, 'bench/planted/results.json'), 'w', encoding='utf8'),
              ensure_ascii=False, indent=2)
    missed = [name for name, failed in results.items() if not failed]
    print('every planted bug failed a test' if not missed else f'NOT CAUGHT: {missed}')
    sys.exit(1 if missed else 0)

if __name__ == '__main__':
    main()
