// The layers of docs/ARCHITECTURE.md, checked by `npm run lint` (dependency-cruiser).
// Type-only imports do not count for circles: they vanish at run time.
const ENGINE = '^server/src/okr/';
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: one of these modules must not know the other (move the shared part down a layer).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment: 'The engine (server/src/okr) is text in, model and diagnostics out: no Node module, no protocol, no file system.',
      from: { path: ENGINE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'engine-knows-no-protocol',
      severity: 'error',
      comment: 'The engine never imports the language server protocol or VS Code.',
      from: { path: ENGINE },
      to: { path: '(^|/)node_modules/(vscode|@vscode)[^/]*/' },
    },
    {
      name: 'engine-knows-no-adapter',
      severity: 'error',
      comment: 'The engine never imports its adapters (cli, lsp, session, features, fs, git, parallel, dashboard, protocol).',
      from: { path: ENGINE },
      to: { path: '^server/src/', pathNot: ENGINE },
    },
    {
      name: 'stage-model-is-the-floor',
      severity: 'error',
      comment: 'okr/model is what every stage shares: it imports no later stage.',
      from: { path: `${ENGINE}model/` },
      to: { path: `${ENGINE}(parse|workspace|analysis|history|report)/|${ENGINE}engine\\.ts$` },
    },
    {
      name: 'stage-parse-before-workspace',
      severity: 'error',
      comment: 'Parsing reads one document: it knows no index, analysis or report.',
      from: { path: `${ENGINE}parse/` },
      to: { path: `${ENGINE}(workspace|analysis|history|report)/|${ENGINE}engine\\.ts$` },
    },
    {
      name: 'stage-workspace-before-analysis',
      severity: 'error',
      comment: 'The index and the alignment graph know no rules, progress or report.',
      from: { path: `${ENGINE}workspace/` },
      to: { path: `${ENGINE}(parse|analysis|history|report)/|${ENGINE}engine\\.ts$` },
    },
    {
      name: 'stage-analysis-before-report',
      severity: 'error',
      comment: 'Rules and progress know no report and no history (history replays analyses).',
      from: { path: `${ENGINE}analysis/` },
      to: { path: `${ENGINE}(history|report)/|${ENGINE}engine\\.ts$` },
    },
    {
      name: 'only-the-wiring-knows-lsp',
      severity: 'error',
      comment: 'lsp/ is the language server\'s wiring: features, the session and the cli never import it.',
      from: { path: '^server/src/', pathNot: '^server/src/(lsp/|serverBin\\.ts$)' },
      to: { path: '^server/src/lsp/' },
    },
    {
      name: 'client-through-protocol',
      severity: 'error',
      comment: 'The VS Code client imports the server through server/src/protocol.ts only.',
      from: { path: '^client/src/' },
      to: { path: '^server/src/', pathNot: '^server/src/protocol\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
