// The dashboard's one stylesheet. In VS Code the theme's colours apply (the --vscode-*
// variables of the webview); in a browser or on paper, the fallbacks after them.
export const DASHBOARD_STYLES = `
:root {
  --fg: var(--vscode-foreground, #1f2328);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #59636e);
  --line: var(--vscode-panel-border, #d1d9e0);
  --track: var(--vscode-editorWidget-border, #dde3ea);
  --accent: var(--vscode-charts-blue, #0969da);
  --ok: var(--vscode-charts-green, #1a7f37);
  --warn: var(--vscode-charts-orange, #bc4c00);
  --error: var(--vscode-errorForeground, #cf222e);
  --info: var(--vscode-charts-blue, #0969da);
  --link: var(--vscode-textLink-foreground, #0969da);
  --font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  --mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
}
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; color: var(--fg); background: var(--bg); font: 14px/1.45 var(--font); }
main { max-width: 1120px; margin: 0 auto; }
h1 { font-size: 1.6em; margin: 0 0 12px; }
h2 { font-size: 1.2em; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
code { font-family: var(--mono); font-size: .86em; }
a { color: var(--link); text-decoration: none; cursor: pointer; }
a:hover, a:focus-visible { text-decoration: underline; }
.muted, .meta { color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.summary dl { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 0; }
.summary dt { font-size: .8em; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.summary dd { margin: 2px 0 0; }
.summary .overall .progress { width: 200px; height: 12px; }
.count { margin-right: 10px; white-space: nowrap; }
.note { margin: 10px 0 0; padding: 6px 10px; border-left: 3px solid var(--warn); }
.hidden-children { font-size: .86em; margin: 4px 0; }
.count.zero { color: var(--muted); }
.count.error:not(.zero) { color: var(--error); font-weight: 600; }
.count.warning:not(.zero) { color: var(--warn); font-weight: 600; }
svg.progress { display: inline-block; width: 120px; height: 8px; vertical-align: middle; border-radius: 4px; overflow: hidden; }
svg.progress .track { fill: var(--track); }
svg.progress .fill { fill: var(--accent); }
.objective.done > .row .fill, .key-result .progress .fill[width="100"] { fill: var(--ok); }
.objective.behind > .row .fill { fill: var(--warn); }
.objective.dropped > .row .fill { fill: var(--muted); }
.pct { display: inline-block; min-width: 42px; margin-left: 8px; text-align: right; font-variant-numeric: tabular-nums; }
ul.objectives { list-style: none; margin: 0; padding-left: 22px; }
ul.objectives.root { padding-left: 0; }
.objective { margin: 8px 0; }
.objective > .row { padding: 4px 0; }
.objective.strategic > .row .title { font-weight: 600; }
.objective .row .meta { margin-left: 174px; font-size: .86em; }
.objective.dropped > .row { opacity: .7; }
ul.key-results { list-style: none; margin: 2px 0 4px; padding-left: 24px; font-size: .93em; }
ul.key-results svg.progress { width: 96px; height: 6px; }
.key-result { margin: 2px 0; }
.key-result.cancelled { opacity: .7; }
.unmeasured-note { font-style: italic; }
.key-result .over-achieved { margin-left: 6px; color: var(--ok); font-size: .9em; }
.outline-note { font-style: italic; }
.badge { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 8px; font-size: .8em; line-height: 1.4; border: 1px solid currentColor; white-space: nowrap; }
.behind-badge { color: var(--warn); }
.dropped-badge { color: var(--muted); }
.outside-badge { color: var(--error); }
.problem.error .severity, .badge.problem.error { color: var(--error); }
.problem.warning .severity, .badge.problem.warning { color: var(--warn); }
.timeline { margin: 14px 0 22px; }
.timeline figcaption { margin-bottom: 6px; }
.lane { display: grid; grid-template-columns: minmax(180px, 40%) 1fr; align-items: center; gap: 12px; min-height: 24px; border-bottom: 1px dotted var(--line); }
.lane-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: .93em; }
svg.lane-track { width: 100%; height: 22px; display: block; }
.band { fill: var(--accent); fill-opacity: .28; }
.band-background { fill: var(--accent); fill-opacity: .08; }
.timeline-bar { fill: var(--accent); }
.timeline-bar.done { fill: var(--ok); }
.timeline-bar.behind { fill: var(--warn); }
.timeline-bar.dropped { fill: var(--muted); fill-opacity: .5; }
.timeline-bar.outside { fill: var(--error); }
.timeline-bar.clipped { fill-opacity: .6; }
line.today { stroke: var(--error); stroke-width: 2; stroke-dasharray: 3 2; }
.lane.axis { border-bottom: none; }
.lane.axis .lane-label { font-size: .8em; }
svg.axis-labels { display: block; overflow: visible; font-size: .8em; fill: var(--muted); }
line.tick { stroke: var(--line); stroke-width: 1; }
.today-label { fill: var(--error); }
ol.problem-list { list-style: none; padding: 0; margin: 0; font-size: .93em; }
ol.problem-list li { padding: 3px 0; border-bottom: 1px dotted var(--line); }
ol.problem-list.quiet { color: var(--muted); font-size: .86em; }
.quiet-lead { margin: 12px 0 4px; font-size: .86em; }
h2 .muted { font-size: .75em; font-weight: normal; margin-left: 6px; }
.problem .severity { display: inline-block; min-width: 56px; font-weight: 600; text-transform: uppercase; font-size: .8em; }
.problem.info .severity, .problem.hint .severity { color: var(--info); }
.problem .location { font-family: var(--mono); font-size: .93em; }
.problem code { color: var(--muted); }
@media (max-width: 640px) {
  body { padding: 12px; }
  .objective .row .meta { margin-left: 0; }
  .lane { grid-template-columns: 1fr; gap: 0; }
}
@media print {
  body { padding: 0; font-size: 11px; color: #000; background: #fff; }
  a { color: inherit; }
  svg { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .timeline, .objective.strategic { break-inside: avoid; }
}
`;
