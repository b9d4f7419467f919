import { ApiError } from './api';
import { el } from './dom';

/** The page's main region: what every view fills, and how it reports a failure. */

export function show(...children: (HTMLElement | null)[]): void {
  const main = document.getElementById('main')!;
  main.replaceChildren(...children.filter((c): c is HTMLElement => c !== null));
  main.setAttribute('aria-busy', 'false');
}

export function problem(error: unknown): HTMLElement {
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return el('p', { class: 'problem', role: 'alert' }, `The hub could not answer: ${message}`);
}

/** Field errors the hub returned beside its data (e.g. a source that is down): shown, never hidden. */
export function partialNotice(errors: readonly { message: string; code: string | undefined }[]): HTMLElement | null {
  if (errors.length === 0) return null;
  const list = el('ul', {});
  for (const e of errors) list.append(el('li', {}, `${e.code ?? 'ERROR'}: ${e.message}`));
  return el('div', { class: 'problem', role: 'status' }, el('p', {}, 'Part of this page is missing:'), list);
}
