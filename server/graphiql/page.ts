// The GraphiQL page: Yoga's own template (its favicon, styles, Monaco workers, renderer), with every
// asset loaded from this server instead of unpkg.com. Nothing on it reaches another host: the
// fonts are data URLs inside the stylesheet.
import type { GraphiQLOptions } from 'graphql-yoga';
import { graphiqlAssets } from './assets.js';

export async function renderGraphiQLPage(options: GraphiQLOptions): Promise<string> {
  const { script, stylesheet, favicon, workers } = await graphiqlAssets();
  const workerPaths = Object.fromEntries(
    Object.entries(workers).map(([label, asset]) => [label, asset.path]),
  );
  const title = escapeHtml(options.title ?? 'GraphiQL');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" href="${favicon.path}" />
    <link rel="stylesheet" href="${stylesheet.path}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root">Loading ${title}…</div>
    <script>
      const workers = ${scriptJson(workerPaths)};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
    </script>
    <script src="${script.path}"></script>
    <script>
      // The tab strip measures itself once: drawn before its font arrives, each tab keeps an offset
      // that moves it away when pressed, and a click on another tab does nothing.
      Promise.all([document.fonts.load('1em Roboto'), document.fonts.load('500 1em Roboto')]).finally(() =>
        YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${scriptJson(options)}),
      );
    </script>
  </body>
</html>
`;
}

/** JSON that cannot end the <script> element it is written in. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
