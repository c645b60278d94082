// GraphiQL's scripts, styles and editor workers, served by this server rather than a CDN, so the
// playground works offline and behind firewalls. They come from the npm package
// @graphql-yoga/render-graphiql (the build that matches graphql-yoga), which ships them as strings.
// It is 9 MB of JavaScript: loaded on the first GraphiQL request, never when GraphiQL is off.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/** Under the GraphQL endpoint, so a proxy that forwards /graphql forwards GraphiQL whole. */
export const ASSETS_PATH = '/graphql/assets/';

export interface Asset {
  path: string;
  contentType: string;
  body: Bytes;
  /** The body gzipped, made on first demand. */
  gzipped(): Promise<Bytes>;
}

export interface GraphiQLAssets {
  script: Asset;
  stylesheet: Asset;
  favicon: Asset;
  /** Monaco's web workers by the label it asks them by. */
  workers: { editorWorkerService: Asset; json: Asset; graphql: Asset };
  byPath: Map<string, Asset>;
}

type Bytes = Uint8Array<ArrayBuffer>;

const JAVASCRIPT = 'text/javascript; charset=utf-8';

let loading: Promise<GraphiQLAssets> | undefined;

export function graphiqlAssets(): Promise<GraphiQLAssets> {
  loading ??= import('@graphql-yoga/render-graphiql/graphiql').then((bundle) => {
    const script = asset('graphiql', 'js', JAVASCRIPT, bundle.js);
    const stylesheet = asset('graphiql', 'css', 'text/css; charset=utf-8', bundle.css);
    const favicon = asset('favicon', 'ico', 'image/x-icon', dataUrlBytes(bundle.favicon));
    const workers = {
      editorWorkerService: asset('editor.worker', 'js', JAVASCRIPT, bundle.editorWorkerService),
      json: asset('json.worker', 'js', JAVASCRIPT, bundle.jsonWorker),
      graphql: asset('graphql.worker', 'js', JAVASCRIPT, bundle.graphqlWorker),
    };
    const all = [script, stylesheet, favicon, ...Object.values(workers)];
    return { script, stylesheet, favicon, workers, byPath: new Map(all.map((a) => [a.path, a])) };
  });
  return loading;
}

/** Named after its content: browsers may keep it for good, and a new version is a new name. */
function asset(name: string, extension: string, contentType: string, content: string | Bytes): Asset {
  const body = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  let gzipped: Promise<Bytes> | undefined;
  return {
    path: `${ASSETS_PATH}${name}.${hash}.${extension}`,
    contentType,
    body,
    gzipped: () => (gzipped ??= promisify(gzip)(body).then((zipped) => new Uint8Array(zipped))),
  };
}

function dataUrlBytes(dataUrl: string): Bytes {
  return new Uint8Array(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
}
