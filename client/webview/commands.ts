// Links and buttons with `data-command` post it (with `data-index` when they have one); the
// extension does the work (open a file, copy, check again, refresh).
import type { WebviewApi } from './api';

export function wireCommands(api: WebviewApi<unknown>): void {
  document.addEventListener('click', (event) => {
    const el = event.target instanceof Element ? event.target.closest('[data-command]') : null;
    if (!el) return;
    event.preventDefault();
    const index = el.getAttribute('data-index');
    api.postMessage({ command: el.getAttribute('data-command') ?? '', ...(index !== null ? { index: Number(index) } : {}) });
  });
}
