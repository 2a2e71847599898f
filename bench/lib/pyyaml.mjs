/**
 * YAML as `gcloud logging read` prints an entry (its YAML printer is PyYAML's safe_dump: keys sorted, two
 * blanks of indentation, a sequence under its key at the key's own indentation, a string past 80 columns
 * wrapped at a blank onto a line indented two past its key, a string with a line break as a literal block,
 * a string YAML 1.1 would read as anything else single-quoted). Written from PyYAML's rules as documented,
 * for the bench's corpus; mxscan never reads it back to make its expectations.
 */

/** Strings YAML 1.1 (PyYAML's resolver) reads as a boolean, null, a number or a time: quoted. */
const RESOLVES = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?[0-9][0-9_:.eE+-]*|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)|\d{4}-\d\d?-\d\d?.*|<<|=)$/;

/** A string PyYAML writes plain: none of the indicators at its start, no `: ` or ` #`, no blank at either end. */
function plainOk(/** @type {string} */ s) {
  if (s === '' || RESOLVES.test(s) || /^[-?:,[\]{}#&*!|>'"%@`\s]/.test(s) && !/^[-?:][^\s]/.test(s)) return false;
  return !/: |\s#|:$|\s$|[^\x20-\x7e]/.test(s);
}

/**
 * Text written from column `col` that PyYAML may wrap: at the first single blank once past 80 columns, a line
 * break and `indent` blanks in its place.
 */
function wrap(/** @type {string} */ text, /** @type {number} */ col, /** @type {number} */ indent) {
  let out = '';
  let column = col;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' && text[i - 1] !== ' ' && text[i + 1] !== ' ' && i > 0 && i < text.length - 1 && column > 80) {
      out += `\n${' '.repeat(indent)}`;
      column = indent;
      continue;
    }
    out += c;
    column++;
  }
  return out;
}

/** A scalar after `key: ` at column `col`, its lines below indented `indent`. */
function scalar(/** @type {unknown} */ v, /** @type {number} */ col, /** @type {number} */ indent) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  if (s.includes('\n')) {
    const body = s.replace(/\n$/, '').split('\n').map((l) => (l === '' ? '' : ' '.repeat(indent) + l));
    return `${s.endsWith('\n') ? '|' : '|-'}\n${body.join('\n')}`;
  }
  // Characters outside printable ASCII: double-quoted, escaped (not wrapped here).
  if (/[^\x20-\x7e]/.test(s)) return JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (plainOk(s)) return wrap(s, col, indent);
  return wrap(`'${s.replaceAll("'", "''")}'`, col, indent);
}

/** A mapping's lines at `indent`, keys sorted. */
function mapping(/** @type {Record<string, unknown>} */ obj, /** @type {number} */ indent) {
  const sp = ' '.repeat(indent);
  return Object.keys(obj)
    .sort()
    .flatMap((k) => {
      const v = obj[k];
      if (Array.isArray(v)) return v.length === 0 ? [`${sp}${k}: []`] : [`${sp}${k}:`, ...v.map((x) => `${sp}- ${scalar(x, indent + 2, indent + 4)}`)];
      if (v !== null && typeof v === 'object') {
        const inner = /** @type {Record<string, unknown>} */ (v);
        return Object.keys(inner).length === 0 ? [`${sp}${k}: {}`] : [`${sp}${k}:`, ...mapping(inner, indent + 2)];
      }
      return [`${sp}${k}: ${scalar(v, indent + k.length + 2, indent + 2)}`];
    });
}

/** One entry as a YAML document: `---`, then its lines. */
export const yamlEntry = (/** @type {Record<string, unknown>} */ entry) => `---\n${mapping(entry, 0).join('\n')}\n`;

/** A copy of a value with every object's keys in sorted order (as Python's json.dump with sort_keys writes them). */
export function sortKeys(/** @type {unknown} */ v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const o = /** @type {Record<string, unknown>} */ (v);
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
}
