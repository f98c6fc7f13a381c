/**
 * What the OParl 1.1 specification's prose asks of the objects we publish, written down as
 * plain checks for tests (not the official schema files): the required properties per type,
 * the form of dates and timestamps, list pages, and embedded objects without back-references.
 */
export const OPARL_NS = 'https://schema.oparl.org/1.1/';

/**
 * Required ("zwingend") properties per type. `created` and `modified` are required on every
 * object that is not output inside another one; `checkObject` adds them for those.
 */
export const REQUIRED: Record<string, readonly string[]> = {
  System: ['id', 'type', 'oparlVersion', 'body'],
  Body: ['id', 'type', 'name', 'organization', 'person', 'meeting', 'paper', 'legislativeTerm'],
  Organization: ['id', 'type'],
  Meeting: ['id', 'type'],
  AgendaItem: ['id', 'type', 'order'],
  Consultation: ['id', 'type'],
  Paper: ['id', 'type'],
  File: ['id', 'type', 'accessUrl'],
};

/** date-time: ISO 8601 with an offset and whole seconds (e.g. 2026-12-08T10:15:00+01:00). */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
/** date: a day without time or zone. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_KEYS = new Set(['created', 'modified', 'start', 'end', 'licenseValidSince', 'oparlSince']);
const DATE_KEYS = new Set(['date', 'startDate', 'endDate']);

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The short type name of an OParl object, or null if `type` is not an OParl 1.1 type. */
export function shortType(o: JsonObject): string | null {
  return typeof o.type === 'string' && o.type.startsWith(OPARL_NS) ? o.type.slice(OPARL_NS.length) : null;
}

/**
 * Problems of one object and everything embedded in it: missing required properties, dates and
 * timestamps not in the spec's form, `null` values, embedded objects pointing back at the
 * object they are output in, and `web` (we have no HTML view, so none may be given).
 */
export function checkObject(o: JsonObject, path = '$', topLevel = true, parentId: string | null = null): string[] {
  const problems: string[] = [];
  const t = shortType(o);
  if (t === null || !(t in REQUIRED)) return [`${path}: unknown type ${String(o.type)}`];
  const required = [...REQUIRED[t]!, ...(topLevel ? ['created', 'modified'] : [])];
  for (const key of required) if (o[key] === undefined || o[key] === null) problems.push(`${path}: ${t} lacks ${key}`);
  if ('web' in o) problems.push(`${path}: web given, but there is no HTML view`);
  for (const [key, value] of Object.entries(o)) {
    if (value === null) problems.push(`${path}.${key}: null`);
    if (DATE_TIME_KEYS.has(key) && (typeof value !== 'string' || !DATE_TIME.test(value))) problems.push(`${path}.${key}: not a date-time: ${String(value)}`);
    if (DATE_KEYS.has(key) && (typeof value !== 'string' || !DATE.test(value))) problems.push(`${path}.${key}: not a date: ${String(value)}`);
    if (parentId !== null) {
      const refs = Array.isArray(value) ? value : [value];
      if (refs.includes(parentId)) problems.push(`${path}.${key}: embedded object refers back to ${parentId}`);
    }
    const children = Array.isArray(value) ? value.map((v, i) => [`${path}.${key}[${i}]`, v] as const) : [[`${path}.${key}`, value] as const];
    for (const [p, child] of children) if (isObject(child) && shortType(child) !== null) problems.push(...checkObject(child, p, false, String(o.id)));
  }
  return problems;
}

/** Problems of a list page: data, pagination and links, `next` on every page but the last. */
export function checkListPage(page: JsonObject, url: string): string[] {
  const problems: string[] = [];
  if (!Array.isArray(page.data)) problems.push(`${url}: data is not an array`);
  if (!isObject(page.pagination)) problems.push(`${url}: no pagination`);
  if (!isObject(page.links)) return [...problems, `${url}: no links`];
  const p = page.pagination as JsonObject;
  const links = page.links as JsonObject;
  if (typeof p.currentPage === 'number' && typeof p.totalPages === 'number' && p.currentPage < p.totalPages && typeof links.next !== 'string') {
    problems.push(`${url}: page ${p.currentPage} of ${p.totalPages} without next`);
  }
  if (p.currentPage === p.totalPages && 'next' in links) problems.push(`${url}: the last page has next`);
  for (const [i, item] of (Array.isArray(page.data) ? page.data : []).entries()) {
    if (!isObject(item)) problems.push(`${url}: data[${i}] is not an object`);
    else problems.push(...checkObject(item, `${url} data[${i}]`));
  }
  return problems;
}

/** Every string in a JSON value that starts with `prefix` (the URLs a crawler follows). */
export function urlsIn(value: Json, prefix: string, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (value.startsWith(prefix)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) urlsIn(v, prefix, out);
  } else if (isObject(value)) {
    for (const v of Object.values(value)) urlsIn(v, prefix, out);
  }
  return out;
}

/** The type an object URL of our endpoint must answer with, from its path. */
export function expectedKind(path: string): string | 'list' | 'bytes' {
  if (/\/file\/[^/]+\/\d+\/(access|download)$/.test(path)) return 'bytes';
  if (/\/system$/.test(path)) return 'System';
  if (/\/bodies$/.test(path) || /\/body\/[^/]+\/[a-z]+$/.test(path) || /\/organization\/[^/]+\/meetings$/.test(path)) return 'list';
  const m = /\/(body|organization|meeting|agendaitem|consultation|paper|file)\/[^?]+$/.exec(path);
  const names: Record<string, string> = { body: 'Body', organization: 'Organization', meeting: 'Meeting', agendaitem: 'AgendaItem', consultation: 'Consultation', paper: 'Paper', file: 'File' };
  return m ? names[m[1]!]! : 'unknown';
}
