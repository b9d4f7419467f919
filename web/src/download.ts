import { savedKey } from './api';
import { el } from './dom';

/**
 * A "Download CSV" link to one of the hub's exports (`/export/<name>.csv`), placed beside the
 * table it exports. Without a key it is a plain download link. With a partner key the file
 * must be fetched with `x-api-key` (a link cannot send a header), so the export has the same
 * access and disclosure control as the table above it; the answer is handed to the browser
 * as a blob under the export's own file name.
 */
export function csvLink(name: string, params: Record<string, string>, label: string): HTMLAnchorElement {
  const href = `/export/${name}.csv?${new URLSearchParams(params).toString()}`;
  const link = el('a', { class: 'download', href, download: `${name}.csv`, 'aria-label': label }, 'Download CSV');
  link.addEventListener('click', (event) => {
    const key = savedKey();
    if (!key) return;
    event.preventDefault();
    void fetchAndSave(href, key, `${name}.csv`, link);
  });
  return link;
}

async function fetchAndSave(href: string, key: string, fileName: string, link: HTMLAnchorElement): Promise<void> {
  const response = await fetch(href, { headers: { 'x-api-key': key } });
  if (!response.ok) {
    // The export answers its refusal as GraphQL errors in JSON (the same codes as /graphql).
    const body = (await response.json().catch(() => null)) as { errors?: { message: string }[] } | null;
    link.after(el('span', { class: 'reason', role: 'alert' }, body?.errors?.[0]?.message ?? `The export failed (${response.status}).`));
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const save = el('a', { href: url, download: fileName });
  document.body.append(save);
  save.click();
  save.remove();
  // Revoked on the next turn: the download has taken its copy by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
