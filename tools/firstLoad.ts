/**
 * What a browser downloads on the first visit of a route, read from the build's manifest
 * (dist/client/.vite/manifest.json, `build.manifest` in vite.config.ts). Used by
 * tools/check-bundle.ts; see there for what counts.
 */
import { gzipSync } from 'node:zlib';

/** One entry of Vite's build manifest (the fields used here). */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  /** Manifest keys of the chunks this one imports statically (fetched with it, as modulepreload). */
  imports?: string[];
  /** Manifest keys of the chunks this one may load later with `import()`. */
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface RouteLoad {
  /** Manifest keys of the modules whose chunks the route fetches at once (the HTML entry first). */
  roots: readonly string[];
}

/**
 * The JavaScript files (paths relative to the build directory) fetched for `route`: every root
 * with all chunks it imports statically, transitively. Dynamic imports beyond the roots are not
 * followed: they load when their part is first shown.
 */
export function routeFiles(manifest: Manifest, route: RouteLoad): string[] {
  const keys = new Set<string>();
  const visit = (key: string) => {
    if (keys.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest (renamed or no longer a chunk of its own?)`);
    keys.add(key);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const root of route.roots) visit(root);
  return [...new Set([...keys].map((k) => manifest[k]!.file))].filter((f) => /\.m?js$/.test(f));
}

/** Bytes after gzip at level 9, as the benchmark counts them (the server itself does not compress). */
export function gzipSize(body: Uint8Array | string): number {
  return gzipSync(body, { level: 9 }).length;
}

/** The classic scripts index.html loads from the public folder (not in the manifest). */
export function publicScripts(indexHtml: string): string[] {
  return [...indexHtml.matchAll(/<script\b(?![^>]*type="module")[^>]*\bsrc="\/([^"]+)"/g)].map((m) => m[1]!);
}

/** npm packages whose code is in a built file, read from its source map's `sources`. */
export function packagesIn(sources: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const s of sources) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(s);
    if (m) out.add(m[1]!);
  }
  return out;
}
