// The hand-made pages of the docs site (index, guides), as HTML strings.
import { Marked } from 'marked';

const marked = new Marked({ gfm: true });

export const STYLE = `
:root { color-scheme: light; --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #0b6e4f; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
header { border-bottom: 1px solid var(--line); padding: 0.75rem 2rem; display: flex; gap: 1.5rem; align-items: baseline; flex-wrap: wrap; }
header a { color: var(--ink); text-decoration: none; }
header .brand { font-weight: 700; font-size: 1.2rem; color: var(--accent); }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.95rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.5rem 0.6rem; text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
code { background: #f0f4f8; padding: 0.1rem 0.3rem; border-radius: 4px; font-size: 0.9em; }
pre { background: #102a43; color: #f0f4f8; padding: 1rem; border-radius: 6px; overflow-x: auto; }
pre code { background: none; padding: 0; color: inherit; }
.guides { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.guides li { border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; }
`;

function escapeHtml(text) {
  return String(text).replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );
}

/** A complete page; `depth` is how many folders below the site root it lives. */
export function page({ title, body, depth }) {
  const up = '../'.repeat(depth);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · telcopay</title>
<link rel="icon" href="${up}favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${up}site.css">
</head>
<body>
<header>
  <a class="brand" href="${up}index.html">telcopay</a>
  <a href="${up}index.html#apis">APIs</a>
  <a href="${up}index.html#guides">Guides</a>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The index: one row per API, then the guides. */
export function indexPage({ apis, guides }) {
  const rows = apis
    .map(
      (api) => `<tr data-api="${api.name}">
  <td><a href="${api.name}/index.html">${escapeHtml(api.title)}</a></td>
  <td>${escapeHtml(api.provider)}</td>
  <td>${escapeHtml(api.country)}</td>
  <td>${escapeHtml(api.auth)}</td>
  <td>${escapeHtml(api.version)}</td>
  <td>${api.operations}</td>
  <td><code>${escapeHtml(api.mockUrl)}</code></td>
  <td><code>${escapeHtml(api.packageName)}</code></td>
</tr>`,
    )
    .join('\n');
  const guideItems = guides
    .map((guide) => `<li><a href="guides/${guide.slug}.html">${escapeHtml(guide.title)}</a></li>`)
    .join('\n');
  return page({
    title: 'API reference',
    depth: 0,
    body: `<h1>telcopay</h1>
<p>Typed TypeScript clients, local mocks and this reference for five telecom top-up and
bill-payment APIs of Latin America and Spain. Start with <a href="guides/getting-started.html">Getting started</a>.</p>
<h2 id="apis">APIs</h2>
<table>
<thead><tr><th>API</th><th>provider</th><th>country</th><th>auth</th><th>spec version</th><th>operations</th><th>mock URL</th><th>npm package</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2 id="guides">Guides</h2>
<ul class="guides">
${guideItems}
</ul>`,
  });
}

/** A guide page from its Markdown. */
export function guidePage({ title, markdown }) {
  return page({ title, depth: 1, body: marked.parse(markdown) });
}
