import type { RequestHandler } from 'express';
import { ErrorCode } from './errors';

/**
 * The answer for a path the hub does not serve: a GraphQL-shaped JSON error for programs,
 * or, for a person's browser (which asks for HTML first), a small page pointing to what the
 * hub does serve. Express's own "Cannot GET" page says neither.
 */
export const notFound: RequestHandler = (req, res) => {
  const path = req.path;
  if (req.accepts(['json', 'html']) === 'html') {
    res
      .status(404)
      .type('html')
      .send(
        `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Not found · integrated care hub</title>` +
          `<meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="font-family:system-ui,sans-serif;margin:2rem;max-width:40rem">` +
          `<h1>Nothing is at ${escapeHtml(path)}</h1><p>The hub serves the <a href="/">locality dashboard</a>, ` +
          `the GraphQL API at <a href="/graphql">/graphql</a>, CSV exports at <code>/export/&lt;name&gt;.csv</code> and ` +
          `<code>/health</code>.</p></body></html>`,
      );
    return;
  }
  res.status(404).json({
    errors: [
      {
        message: `Nothing is at ${req.method} ${path}. The hub serves /graphql (GraphQL), /export/<name>.csv (CSV), /health and the dashboard at /.`,
        extensions: { code: ErrorCode.NOT_FOUND },
      },
    ],
  });
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
