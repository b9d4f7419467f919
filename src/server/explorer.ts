import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { ruruHTML, type RuruClientConfig } from 'ruru/server';
import { graphqlExamples } from '../docs/examples';
import { PACKAGE_ROOT } from '../packageRoot';
import { EXPORTS } from './exports';

/**
 * The interactive explorer (Ruru, a GraphiQL distribution) for browsers at GET /graphql.
 * Its scripts and styles are served from the npm package itself under /graphql/explorer/,
 * so nothing is fetched from outside the machine. It opens with the example operations of
 * docs/queries.md, the same ones the docs test runs.
 */

const STATIC_PATH = '/graphql/explorer/';
/** The package's own built assets (ruru/static's middleware loads them through a dynamic import that jest's VM cannot run). */
const RURU_ASSETS = path.join(path.dirname(require.resolve('ruru')), '../static');
const QUERIES_DOC = path.join(PACKAGE_ROOT, 'docs/queries.md');

/** The examples of docs/queries.md as one document of named operations, each titled by its section. */
export function explorerStartingDocument(markdown: string): string {
  // Operation names must be unique in a document (GraphQL validation refuses the whole document
  // otherwise), and a section holds several examples: the second and later get 2, 3, ….
  const seen = new Map<string, number>();
  const operations = graphqlExamples(markdown, 'docs/queries.md')
    .filter((example) => example.mode.kind !== 'skip')
    .map((example) => {
      const base = example.heading
        .split(':')[0]!
        .replace(/['’]/g, '')
        .replace(/[^A-Za-z0-9]+(.)?/g, (_m, next: string | undefined) => (next ?? '').toUpperCase())
        .replace(/^./, (c) => c.toUpperCase());
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      const name = count === 1 ? base : `${base}${count}`;
      const body = example.query.trim().replace(/^\{/, `query ${name || 'Example'}${operationSuffix(example.mode)} {`);
      const note =
        example.mode.kind === 'as' ? `# Needs a partner key: set {"x-api-key": "..."} in Headers (see README, "Demo keys").\n` : '';
      return `# ${example.heading}\n${note}${body}`;
    });
  return [
    "# The hub's example operations (docs/queries.md). Pick one with the run button.",
    '# Partner-only fields need an API key: open Headers below and set {"x-api-key": "ich_..."}.',
    '# In development, `npm run keys -- issue --org thurrock-council --role ANALYST --label explorer` prints one.',
    `# CSV for Power BI, Qlik or Excel (same keys, access and disclosure control): GET /export/<name>.csv, where <name> is ${Object.keys(EXPORTS).join(', ')};`,
    '# e.g. /export/query.csv?query=<the query here, URL-encoded>&rows=localities.nodes, /export/indicator-values.csv?indicator=<id>&area=E06000034',
    '# or /export/structures.csv?kinds=PCN,SUB_ICB_LOCATION (docs/queries.md, "Can I have that in Power BI?").',
    '# Beside each, /export/<name>.csv-metadata.json (same parameters) is its CSV on the Web metadata: column types, units, descriptions.',
    '',
    operations.join('\n\n'),
  ].join('\n');
}

function operationSuffix(mode: { kind: string }): string {
  return mode.kind === 'as' ? 'AsPartner' : '';
}

function explorerPage(): string {
  let initialQuery = '{ localities { nodes { code name } } }';
  try {
    initialQuery = explorerStartingDocument(readFileSync(QUERIES_DOC, 'utf8'));
  } catch {
    // A deployment without docs/ still gets a working explorer.
  }
  return ruruHTML({
    staticPath: STATIC_PATH,
    endpoint: '/graphql',
    // ruru-types declares every GraphiQL prop required (its Pick of GraphiQLProps); all are optional at run time.
    clientConfig: { initialQuery, initialHeaders: '{}', isHeadersEditorEnabled: true } as Partial<RuruClientConfig> as RuruClientConfig,
    htmlParts: {
      titleTag: '<title>Integrated care hub: GraphQL explorer</title>',
      bodyContent: (original) => `${original}${EXPORT_BUTTON}`,
      bodyScripts: (original) => `${original}<script>${EXPORT_SCRIPT}</script>`,
    },
  });
}

/**
 * "Download CSV" in the explorer: the last operation run, exported through
 * `/export/query.csv` with the same variables and credential headers, so a partner key set
 * under Headers applies, with its access and disclosure control. The explorer's own request
 * is where the operation is taken from (GraphiQL's saved tabs lag the editor and leave
 * headers out), so the file is the answer just shown, as CSV. An answer with several lists
 * asks which one (each with its path and rows), so the file is the list the person looked at.
 */
const EXPORT_BUTTON =
  '<button id="hub-export-csv" type="button" style="position:fixed;bottom:6px;right:24px;z-index:1000;padding:4px 10px;font:inherit;cursor:pointer"' +
  ' title="Download a list of the last answer as CSV">Download CSV</button>' +
  '<dialog id="hub-export-lists" aria-labelledby="hub-export-title"><form method="dialog">' +
  '<h2 id="hub-export-title" style="font-size:1rem;margin:0 0 8px">Which list of the answer?</h2>' +
  '<label>List <select id="hub-export-list"></select></label>' +
  '<p style="margin:12px 0 0"><button value="download">Download</button> <button value="cancel">Cancel</button></p></form></dialog>';
const EXPORT_SCRIPT = `
(() => {
  let last = null;
  const send = window.fetch.bind(window);
  window.fetch = (input, init) => {
    let remembered = null;
    try {
      const url = new URL(typeof input === 'string' ? input : input.url, location.href);
      const body = init && typeof init.body === 'string' ? JSON.parse(init.body) : null;
      if (url.pathname === '/graphql' && body && typeof body.query === 'string' && body.operationName !== 'IntrospectionQuery') {
        const headers = new Headers(init.headers || {});
        remembered = last = { body, answer: null, read: null, credentials: ['x-api-key', 'authorization'].filter((h) => headers.has(h)).map((h) => [h, headers.get(h)]) };
      }
    } catch (error) {
      // Not an operation the explorer ran: nothing to remember.
    }
    const answered = send(input, init);
    if (remembered)
      remembered.read = answered.then((response) => response.clone().json()).then((json) => { remembered.answer = json; }, () => undefined);
    return answered;
  };
  // Every list reached through objects only (a list inside a list is a cell of JSON), with its rows.
  const listsOf = (data) => {
    const found = [];
    const visit = (value, path) => {
      if (Array.isArray(value)) found.push({ path, rows: value.length });
      else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) visit(inner, path ? path + '.' + key : key);
    };
    visit(data, '');
    return found;
  };
  const dialog = document.getElementById('hub-export-lists');
  const picker = document.getElementById('hub-export-list');
  const chooseList = (lists) =>
    new Promise((resolve) => {
      if (lists.length < 2) return resolve(lists[0] ? lists[0].path : null);
      picker.replaceChildren(...lists.map((list) => new Option(list.path + ' (' + list.rows + ' rows)', list.path)));
      picker.value = lists.reduce((a, b) => (b.rows > a.rows ? b : a)).path;
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'download' ? picker.value : undefined), { once: true });
      dialog.showModal();
    });
  document.getElementById('hub-export-csv').addEventListener('click', async () => {
    if (!last) {
      window.alert('Run an operation first: Download CSV exports a list of the last answer.');
      return;
    }
    await last.read; // the answer may still be arriving
    const lists = listsOf((last.answer && last.answer.data) || {});
    const rows = await chooseList(lists);
    if (rows === undefined) return;
    const params = new URLSearchParams({ query: last.body.query });
    if (last.body.variables) params.set('variables', JSON.stringify(last.body.variables));
    if (last.body.operationName) params.set('operationName', last.body.operationName);
    if (rows && lists.length > 1) params.set('rows', rows);
    const response = await send('/export/query.csv?' + params.toString(), { headers: Object.fromEntries(last.credentials) });
    if (!response.ok) {
      const answer = await response.json().catch(() => null);
      window.alert((answer && answer.errors && answer.errors[0] && answer.errors[0].message) || 'The export failed (' + response.status + ').');
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    const name = last.body.operationName || (rows ? rows.split('.')[0] : 'query');
    link.download = (lists.length > 1 ? name + '-' + rows : name) + '.csv';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  });
})();`;

/** Whether a GET to /graphql is a person's browser (asks for HTML) rather than a GraphQL client. */
function wantsPage(accept: string | undefined, hasQuery: boolean): boolean {
  if (hasQuery || !accept) return false;
  return accept.includes('text/html');
}

/**
 * With the explorer off (production's default), a browser opening GET /graphql (the URL the
 * docs and compose advertise) gets a page saying so and how to turn it on, not a 406 JSON error.
 */
export function explorerOff(): Router {
  const router = express.Router();
  router.get('/graphql', (req, res, next) => {
    if (!wantsPage(req.get('accept'), req.query.query !== undefined)) return next();
    res
      .type('html')
      .set('cache-control', 'no-cache')
      .send(
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>GraphQL API · integrated care hub</title>' +
          '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="font-family:system-ui,sans-serif;margin:2rem;max-width:42rem">' +
          '<h1>The GraphQL API is here; its explorer is off</h1>' +
          '<p>This hub does not serve the interactive explorer: it is off in production unless the hub is started with ' +
          '<code>EXPLORER=true</code> (README, "Configuration"). Programs send queries to this URL as a JSON <code>POST</code> ' +
          'or as <code>GET /graphql?query=...</code>.</p><p>The <a href="/">locality dashboard</a> is served either way.</p></body></html>',
      );
  });
  return router;
}

export function explorer(): Router {
  const router = express.Router();
  const html = explorerPage();
  router.use(STATIC_PATH, express.static(RURU_ASSETS, { index: false, fallthrough: false, maxAge: '1h' }));
  router.get('/graphql', (req, res, next) => {
    if (!wantsPage(req.get('accept'), req.query.query !== undefined)) return next();
    res.type('html').set('cache-control', 'no-cache').send(html);
  });
  return router;
}
