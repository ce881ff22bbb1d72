// The script of the dashboard webview (inline, with the page's nonce): clicks and Enter on
// an objective or a problem ask the extension to open it by its number, and the extension
// sends the page's new content after every change (keeping the scroll position).
export const DASHBOARD_SCRIPT = `(() => {
  const vscode = acquireVsCodeApi();
  const main = document.getElementById('dashboard');
  const target = (event) => (event.target instanceof Element ? event.target.closest('[data-open],[data-problem]') : null);
  const send = (element) => {
    if (element.dataset.open !== undefined) vscode.postMessage({ type: 'open', objective: Number(element.dataset.open) });
    else vscode.postMessage({ type: 'openProblem', problem: Number(element.dataset.problem) });
  };
  document.addEventListener('click', (event) => {
    const element = target(event);
    if (!element) return;
    event.preventDefault();
    send(element);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const element = target(event);
    if (!element) return;
    event.preventDefault();
    send(element);
  });
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.type === 'update' && typeof message.html === 'string') main.innerHTML = message.html;
  });
})();`;
