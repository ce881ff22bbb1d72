// Command and view ids, in one place (no vscode import: the manifest test reads it).
export const COMMANDS = {
  refresh: 'okr.refresh',
  selectCycle: 'okr.selectCycle',
  showAllCycles: 'okr.showAllCycles',
  newStrategic: 'okr.newStrategicDocument',
  newOperational: 'okr.newOperationalDocument',
  restartServer: 'okr.restartServer',
  open: 'okr.openObjective',
  openDashboard: 'okr.openDashboard',
} as const;

export const PROGRESS_VIEW = 'okr.progressTree';
/** The dashboard webview panel's type (restored after a reload). */
export const DASHBOARD_VIEW = 'okr.dashboard';
