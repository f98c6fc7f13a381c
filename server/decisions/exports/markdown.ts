/** Markdown (CommonMark with GFM tables) from the document model. */
import type { Block, DocModel, Run } from './model';

const escapeText = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
const cell = (s: string) => escapeText(s).replace(/\n/g, '<br>');

function inline(runs: readonly Run[]): string {
  return runs
    .map((r) => {
      let t = r.code ? `\`${r.text.replace(/`/g, '\u02cb')}\`` : escapeText(r.text);
      if (t.trim() !== '' && !r.code) {
        if (r.bold) t = `**${t}**`;
        if (r.italic) t = `*${t}*`;
        if (r.strike) t = `~~${t}~~`;
      }
      if (r.link) t = `[${t}](${r.link.replace(/[()\s]/g, encodeURIComponent)})`;
      return (r.breakBefore ? '  \n' : '') + t;
    })
    .join('');
}

function block(b: Block, indent: string): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level + 1)} ${escapeText(b.text)}`;
    case 'paragraph': {
      const text = inline(b.runs);
      return indent + (b.style === 'muted' ? `*${text}*` : text).replace(/\n/g, `\n${indent}`);
    }
    case 'list':
      return b.items
        .map((item, i) => {
          const marker = b.ordered ? `${b.start + i}. ` : '- ';
          const inner = item.map((x) => block(x, indent + ' '.repeat(marker.length))).join('\n');
          return indent + marker + inner.slice(indent.length + marker.length);
        })
        .join('\n');
    case 'quote':
      return b.blocks.map((x) => block(x, '')).join('\n\n').replace(/^/gm, `${indent}> `);
    case 'code':
      return `${indent}\`\`\`\n${b.text}\n${indent}\`\`\``;
    case 'rule':
      return '---';
    case 'table':
      return [
        `| ${b.header.map(cell).join(' | ')} |`,
        `|${b.header.map(() => ' --- ').join('|')}|`,
        ...b.rows.map((r) => `| ${b.header.map((_, i) => cell(r[i] ?? '')).join(' | ')} |`),
      ].join('\n');
    case 'facts':
      return ['| | |', '| --- | --- |', ...b.rows.map(([k, v]) => `| **${cell(k)}** | ${cell(v)} |`)].join('\n');
  }
}

export function renderMarkdown(model: DocModel): string {
  const parts = [`*${escapeText(model.kicker)}*`, `# ${escapeText(model.title)}`, ...model.blocks.map((b) => block(b, '')), `---\n\n*${escapeText(model.footer)}*`];
  return parts.join('\n\n') + '\n';
}
