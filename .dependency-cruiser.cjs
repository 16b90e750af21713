// Module boundaries, checked by `npm run lint` (depcruise). Folders under src/ form layers: a folder may
// import its own layer's infrastructure and anything BELOW it, never above; so no cycle between feature
// folders can form and no feature imports one that depends on it. Order, bottom first (see README).
const LAYERS = [
  ['config', 'common', 'domain', 'queue'], // infrastructure and shared vocabulary
  ['organizations'],
  ['users'],
  ['auth'],
  ['calendar'],
  ['duties'],
  ['templates'],
  ['duty-lists'],
  ['notifications'],
  ['workflow'],
  ['deadlines'],
  ['supervision'],
  ['maintenance'], // retention and job revival
  ['health'],
  ['database', 'bootstrap', 'cli'], // composition: the entity list, start-up, the CLI
];

const folder = (names) => `^src/(${names.join('|')})/`;

// Infrastructure that composition-layer folders also offer downwards (pure helpers, no entity list).
const SHARED_INFRASTRUCTURE = '^src/database/(update-returning|migration-lock|read-replica)\\.ts$';
// The table of every repeating job (src/queue/job-schedulers.ts) names each feature's schedule
// constants: it composes features, so it is not held to the infrastructure layer.
const COMPOSING_INFRASTRUCTURE = '^src/queue/job-schedulers\\.ts$';

const upwardRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `layer-${layer.join('-')}`,
  comment: `${layer.join(', ')} may not import a folder above it: ${LAYERS.slice(index + 1).flat().join(', ')}`,
  severity: 'error',
  from: { path: folder(layer), pathNot: COMPOSING_INFRASTRUCTURE },
  to: { path: [folder(LAYERS.slice(index + 1).flat()), '^src/(app\\.module|main|worker|cli)\\.ts$'], pathNot: SHARED_INFRASTRUCTURE },
}));

module.exports = {
  forbidden: [
    ...upwardRules,
    {
      name: 'no-circular',
      comment:
        'No import cycle between modules at run time (a cycle through `import type` only is erased by the compiler). TypeORM entities reference each other for relations (one folder each), the one exception.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.entity\\.ts$' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
