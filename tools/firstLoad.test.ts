import { describe, expect, it } from 'vitest';
import { packagesIn, publicScripts, routeFiles, type Manifest } from './firstLoad';

// The shape of Vite's manifest: an HTML entry, a lazily loaded page sharing a chunk with it, and
// parts the page loads only when shown.
const manifest: Manifest = {
  'index.html': { file: 'assets/index-a.js', isEntry: true, imports: ['_react-b.js'], dynamicImports: ['pages/Room.tsx', 'pages/Start.tsx'] },
  '_react-b.js': { file: 'assets/react-b.js' },
  '_yjs-c.js': { file: 'assets/yjs-c.js', imports: ['_react-b.js'] },
  'pages/Room.tsx': { file: 'assets/Room-d.js', isDynamicEntry: true, imports: ['index.html', '_yjs-c.js'], dynamicImports: ['boards/Swot.tsx'] },
  'pages/Start.tsx': { file: 'assets/Start-e.js', isDynamicEntry: true, imports: ['index.html'] },
  'boards/Swot.tsx': { file: 'assets/Swot-f.js', isDynamicEntry: true, imports: ['_yjs-c.js', '_charts-g.js'] },
  '_charts-g.js': { file: 'assets/charts-g.js' },
  'styles.css': { file: 'assets/styles.css' },
};

describe('routeFiles', () => {
  it('follows static imports from every root, transitively and once, and no dynamic import', () => {
    expect(routeFiles(manifest, { roots: ['index.html', 'pages/Room.tsx'] }).sort()).toEqual(['assets/Room-d.js', 'assets/index-a.js', 'assets/react-b.js', 'assets/yjs-c.js']);
    expect(routeFiles(manifest, { roots: ['index.html', 'pages/Room.tsx', 'boards/Swot.tsx'] })).toContain('assets/charts-g.js');
  });

  it('fails loudly for a root that is no chunk of its own', () => {
    expect(() => routeFiles(manifest, { roots: ['index.html', 'room/NotesEditor.tsx'] })).toThrow(/NotesEditor.tsx is not in the build manifest/);
  });
});

describe('publicScripts', () => {
  it('lists classic scripts from the public folder, not the module entry', () => {
    const html = '<script src="/zod-jitless.js"></script><script type="module" crossorigin src="/assets/index-a.js"></script>';
    expect(publicScripts(html)).toEqual(['zod-jitless.js']);
  });
});

describe('packagesIn', () => {
  it('names the packages of a source map, scoped ones included', () => {
    const sources = ['../../node_modules/docx/dist/index.mjs', '../../../main/node_modules/@tiptap/core/dist/index.js', '../../client/App.tsx'];
    expect([...packagesIn(sources)]).toEqual(['docx', '@tiptap/core']);
  });
});
