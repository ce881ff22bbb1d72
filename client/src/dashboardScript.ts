// The script of the dashboard webview (inline, with the page's nonce): clicks and Enter on
// an objective or a problem ask the extension to open it by its number (and the page's
// version); the extension sends the page's new content after every change (keeping the
// scroll position), or why it could not (shown above the last page).
export const DASHBOARD_SCRIPT = `(() => {
  const vscode = acquireVsCodeApi();
  const main = document.getElementById('dashboard');
  const target = (event) => (event.target instanceof Element ? event.target.closest('[data-open],[data-problem]') : null);
  const send = (element) => {
    const version = Number(main.dataset.version);
    if (element.dataset.open !== undefined) vscode.postMessage({ type: 'open', objective: Number(element.dataset.open), version });
    else vscode.postMessage({ type: 'openProblem', problem: Number(element.dataset.problem), version });
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
    if (message && message.type === 'error' && typeof message.text === 'string') {
      let banner = document.getElementById('dashboard-error');
      if (!banner) {
        banner = document.createElement('p');
        banner.id = 'dashboard-error';
        banner.className = 'note';
        main.prepend(banner);
      }
      banner.textContent = message.text;
      return;
    }
    if (!message || message.type !== 'update' || typeof message.html !== 'string') return;
    main.innerHTML = message.html;
    main.dataset.version = String(message.version);
  });
  // An update sent while the page was loading is lost: say which version is shown.
  vscode.postMessage({ type: 'ready', version: Number(main.dataset.version) });
})();`;
