import { onKeyRefused, saveKey, savedKey } from './api';
import { comparePage } from './compare';
import { landingPage } from './landing';
import { localityPage } from './locality';
import { problem, show } from './page';

/**
 * The locality dashboard: `/` (map, ranking, search), `/localities/<code>` (one locality),
 * `/compare?codes=…` (two to four side by side). Every fact comes from the hub's GraphQL
 * API; the map's shapes from web/geo.
 */

function keyForm(): void {
  const form = document.getElementById('key-form') as HTMLFormElement;
  const input = document.getElementById('api-key') as HTMLInputElement;
  const status = document.getElementById('key-status')!;
  input.value = savedKey() ?? '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveKey(input.value.trim() || null);
    window.location.reload();
  });
  document.getElementById('forget-key')!.addEventListener('click', () => {
    saveKey(null);
    window.location.reload();
  });
  // A refused key leaves the page in place (shown as to the public) and says why here, beside the box.
  onKeyRefused((message) => {
    status.textContent = `Key not accepted, so this page shows the public view: ${message}`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'key-status');
  });
}

async function start(): Promise<void> {
  keyForm();
  const path = window.location.pathname;
  const locality = /^\/localities\/([^/]+)\/?$/.exec(path);
  try {
    if (locality) await localityPage(decodeURIComponent(locality[1]!));
    else if (/^\/compare\/?$/.test(path)) await comparePage();
    else await landingPage();
  } catch (error) {
    show(problem(error));
  }
}

void start();
