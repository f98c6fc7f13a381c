/**
 * Markdown (CommonMark with GFM tables) from the document model. Text is data, never markup:
 * whatever a person typed comes out as the same characters, never as structure, HTML or a link.
 * - everywhere: `\` `` ` `` `*` `_` `[` `]` `|` `~` are backslash-escaped, `<` `>` `&` become
 *   entities (no raw HTML, no autolinks, no entity tricks), line breaks are normalised;
 * - at the start of a line (of a paragraph, a list item, after a hard break): leading blanks are
 *   dropped (no indented code) and `#`, `+`, `-`, `=`, `:`, `1.`/`1)` are escaped (no heading,
 *   list, setext underline, table delimiter or thematic break);
 * - code spans and code blocks use a backtick run longer than any run inside them;
 * - link targets pass `safeLinkTarget` (http, https, mailto) or the text stays plain.
 */
import { safeLinkTarget } from '../../../shared/links';
import type { Block, DocModel, Run } from './model';

const normaliseBreaks = (s: string) => s.replace(/\r\n?|[\u2028\u2029\u0085\u000b\u000c]/g, '\n');

/** Escapes characters that are markup anywhere in a line. */
function escapeChars(s: string): string {
  return s.replace(/[\\`*_[\]|~<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** Escapes what would start a block when it stands at the beginning of a line. */
function escapeLineStart(line: string): string {
  const t = line.replace(/^[ \t]+/, '');
  const ordered = /^(\d{1,9})([.)])/.exec(t);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${t.slice(ordered[0].length)}`;
  return /^[#+\-=:]/.test(t) ? `\\${t}` : t;
}

/**
 * Plain text as inline Markdown. `atLineStart` says whether the text begins a line; every line
 * after a break in the text begins one too. Line breaks become `\` + newline (hard breaks).
 */
export function escapeMarkdown(text: string, atLineStart = true): string {
  return normaliseBreaks(text)
    .split('\n')
    .map((line, i) => {
      const escaped = escapeChars(line);
      return i > 0 || atLineStart ? escapeLineStart(escaped) : escaped;
    })
    .join('\\\n');
}

/** The longest run of `ch` in `s`. */
function longestRun(s: string, ch: string): number {
  let best = 0;
  let cur = 0;
  for (const c of s) {
    cur = c === ch ? cur + 1 : 0;
    if (cur > best) best = cur;
  }
  return best;
}

/** An inline code span that nothing inside can close (line breaks read as spaces). */
export function codeSpan(text: string): string {
  const t = normaliseBreaks(text).replace(/\n/g, ' ');
  const fence = '`'.repeat(longestRun(t, '`') + 1);
  // A space on both sides is stripped again by the reader; it keeps a leading/trailing backtick apart.
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** A fenced code block that no line inside can close, each line indented by `indent`. */
export function codeBlock(text: string, indent = ''): string {
  const t = normaliseBreaks(text);
  const fence = '`'.repeat(Math.max(3, longestRun(t, '`') + 1));
  return [fence, ...t.split('\n'), fence].map((line) => indent + line).join('\n');
}

/** A link target as a Markdown destination (parentheses, angle brackets and spaces encoded). */
function destination(href: string): string {
  return href.replace(/[()<>\s"'`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Runs with every line break of their text turned into a run boundary with `breakBefore`. */
function splitLines(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    if (r.code) {
      out.push(r);
      continue;
    }
    normaliseBreaks(r.text)
      .split('\n')
      .forEach((text, i) => out.push({ ...r, text, breakBefore: i === 0 ? r.breakBefore : true }));
  }
  return out;
}

function inline(runs: readonly Run[]): string {
  let out = '';
  let lineStart = true;
  for (const r of splitLines(runs)) {
    if (r.breakBefore) {
      out += '\\\n';
      lineStart = true;
    }
    if (r.text === '') continue;
    let t: string;
    if (r.code) t = codeSpan(r.text);
    else {
      const escaped = escapeMarkdown(r.text, lineStart);
      // Emphasis only holds around non-blank text; blanks around it stay outside.
      const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(escaped) ?? [];
      let wrapped = core;
      if (core !== '') {
        if (r.bold) wrapped = `**${wrapped}**`;
        if (r.italic) wrapped = `*${wrapped}*`;
        if (r.strike) wrapped = `~~${wrapped}~~`;
      }
      t = lead + wrapped + trail;
    }
    const href = r.link ? safeLinkTarget(r.link) : null;
    if (href !== null) t = `[${t}](${destination(href)})`;
    out += t;
    // Still at the start of a line while nothing visible has been written on it.
    if (/\S/.test(r.text)) lineStart = false;
  }
  // A break at the very end would show as a stray backslash.
  return out.replace(/(\\\n)+$/, '');
}

/** A table cell: one line, pipes escaped, line breaks as `<br>`. */
function cell(s: string): string {
  return normaliseBreaks(s)
    .split('\n')
    .map((line) => escapeChars(line.trim()))
    .join('<br>');
}

function block(b: Block, indent: string): string {
  switch (b.kind) {
    case 'heading':
      return `${indent}${'#'.repeat(b.level + 1)} ${escapeMarkdown(b.text.replace(/\s+/g, ' ').trim(), false).replace(/#/g, '\\#')}`;
    case 'paragraph': {
      const text = inline(b.runs);
      const styled = b.style === 'muted' && text.trim() !== '' ? `*${text}*` : text;
      return indent + styled.replace(/\n/g, `\n${indent}`);
    }
    case 'list':
      return b.items
        .map((item, i) => {
          const marker = b.ordered ? `${b.start + i}. ` : '- ';
          const inner = item.map((x) => block(x, indent + ' '.repeat(marker.length))).join('\n\n');
          return indent + marker + inner.slice(indent.length + marker.length);
        })
        .join('\n');
    case 'quote':
      return b.blocks
        .map((x) => block(x, ''))
        .join('\n\n')
        .replace(/^/gm, `${indent}> `);
    case 'code':
      return codeBlock(b.text, indent);
    case 'rule':
      return `${indent}---`;
    case 'table':
      return [
        `| ${b.header.map(cell).join(' | ')} |`,
        `|${b.header.map((_, i) => (b.align?.[i] === 'right' ? ' ---: ' : ' --- ')).join('|')}|`,
        ...b.rows.map((r) => `| ${b.header.map((_, i) => cell(r[i] ?? '')).join(' | ')} |`),
      ]
        .map((line) => indent + line)
        .join('\n');
    case 'facts':
      return ['| | |', '| --- | --- |', ...b.rows.map(([k, v]) => `| **${cell(k)}** | ${cell(v)} |`)].map((line) => indent + line).join('\n');
  }
}

export function renderMarkdown(model: DocModel): string {
  const parts = [
    `*${escapeMarkdown(model.kicker, false)}*`,
    `# ${escapeMarkdown(model.title.replace(/\s+/g, ' ').trim(), false).replace(/#/g, '\\#')}`,
    ...model.blocks.map((b) => block(b, '')),
    `---\n\n*${escapeMarkdown(model.footer, false)}*`,
  ];
  return parts.join('\n\n') + '\n';
}
