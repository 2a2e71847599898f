import { nearestWord } from '../catalog/nearest.js';

/** The commands, for `-h` and for suggestions. */
export const COMMANDS = ['scan', 'merge', 'explain', 'catalog', 'config', 'version'] as const;

/** Examples that lead `--help` and `-h`. */
export const EXAMPLES: readonly (readonly [string, string])[] = [
  ['mxscan scan logs/', 'a summary on a terminal, markdown when piped'],
  ['mxscan scan logs/ -o report.md -o report.json', 'files, format from the extension'],
  ['mxscan scan app.log --since 2h', 'the last two hours'],
  ['mxscan scan app.log --around 2026-03-18T08:10Z', '30 minutes either side'],
  ['mxscan scan logs/ --fail-on error -o junit.xml', 'CI: exit 1 on an ERROR code'],
  ['mxscan explain storage_error', 'what a code means, what to do'],
];

/** The examples as the help shows them: shell lines with a comment, short enough never to wrap. */
export function examplesText(): string {
  const w = Math.max(...EXAMPLES.map(([c]) => c.length));
  return EXAMPLES.map(([c, d]) => `${c.padEnd(w)}  # ${d}`).join('\n');
}

/** What `-h` says of each command: its usage line and one line on what it does. */
const SHORT: Readonly<Record<(typeof COMMANDS)[number], readonly [string, string]>> = {
  scan: ['mxscan scan [inputs..] [options]', 'Scan files, directories, globs or - (stdin) and write the report.'],
  merge: ['mxscan merge <partials..> [options]', 'Combine partial reports (mxscan scan --partial) into one report.'],
  explain: ['mxscan explain <code>', 'Show a catalog entry: what it means and what to do.'],
  catalog: ['mxscan catalog [--format markdown|json]', 'Print the active catalog.'],
  config: ['mxscan config', 'Print the settings in effect: defaults, the configuration file, the command line.'],
  version: ['mxscan version', 'Print the version.'],
};

/**
 * `mxscan -h`: the short form: usage, examples, commands, where the rest is; `mxscan <command> -h` the same
 * for that command (its usage line and its own examples).
 */
export function shortHelp(command?: string): string {
  const known = COMMANDS.find((c) => c === command);
  if (known !== undefined) {
    const [usage, what] = SHORT[known];
    const own = EXAMPLES.filter(([c]) => c.startsWith(`mxscan ${known} `) || c === `mxscan ${known}`);
    const w = Math.max(0, ...own.map(([c]) => c.length));
    const examples = own.length === 0 ? [] : ['', 'Examples:', ...own.map(([c, d]) => `${c.padEnd(w)}  # ${d}`)];
    return [`Usage: ${usage}`, '', what, ...examples, '', `mxscan ${known} --help for every option.`, ''].join('\n');
  }
  return [
    'Usage: mxscan <command> [options]',
    '',
    'Examples:',
    examplesText(),
    '',
    `Commands: ${COMMANDS.join(', ')}`,
    'mxscan --help for every option; mxscan <command> --help for one command.',
    '',
  ].join('\n');
}

/** kebab-case of a camelCase name (`failOn` → `fail-on`). */
const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The failures yargs reported for one command line, as one line: an unknown command or option gets the
 * nearest known one ("did you mean"), camelCase twins yargs adds are left out, other failures keep their
 * details. `known` are the options of the command that was parsed (kebab-case).
 */
export function usageMessage(messages: readonly string[], argv: readonly string[], known: readonly string[]): string {
  const positional = argv.find((a) => !a.startsWith('-'));
  const didYouMean = messages.map((m) => /^Did you mean (\S+)\?$/.exec(m)?.[1]).find((x) => x !== undefined);
  if (didYouMean !== undefined && positional !== undefined) return `unknown command ${JSON.stringify(positional)}: did you mean ${didYouMean}?`;
  const unknown = messages.map((m) => /^Unknown arguments?: (.+)$/.exec(m.trim())?.[1]).find((x) => x !== undefined);
  if (unknown !== undefined) {
    const names = unknown.split(', ');
    // yargs lists `fial-on` and its camelCase twin `fialOn`: one is enough.
    const own = names.filter((n) => !(/[A-Z]/.test(n) && names.includes(kebab(n))));
    return own.map((n) => unknownThing(n, argv, known)).join('; ');
  }
  return detailLine(messages[messages.length - 1] ?? 'invalid arguments');
}

function unknownThing(name: string, argv: readonly string[], known: readonly string[]): string {
  const typed = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `-${name}`);
  if (typed === undefined && positionalOnly(name, argv)) {
    const near = nearestWord([...COMMANDS], name);
    return `unexpected argument ${JSON.stringify(name)}${near !== undefined && argv.indexOf(name) === 0 ? `: did you mean ${near}?` : ''}`;
  }
  const flag = name.length === 1 ? `-${name}` : `--${name}`;
  const near = nearestWord(known, kebab(name));
  return `unknown option ${flag}${near !== undefined ? `: did you mean --${near}?` : ''}`;
}

const positionalOnly = (name: string, argv: readonly string[]): boolean => argv.includes(name);

/**
 * A yargs failure as one line. Some are a heading and one line per detail ("Invalid values:", then a line
 * per bad value): the details are what helps, so they are kept, joined.
 */
function detailLine(msg: string): string {
  const lines = msg.split('\n').map((l) => l.trim()).filter((l) => l !== '').map(suggestChoice);
  if (lines.length > 1 && lines[0]!.endsWith(':')) return lines.slice(1).join('; ');
  return lines[0] ?? 'invalid arguments';
}

/** A value one slip away from a choice (--fail-on eror) gets the choice, as a mistyped option does. */
function suggestChoice(line: string): string {
  return line.replace(CHOICE, (whole, value: string, choices: string) => {
    const near = nearestWord(choices.split(', ').map((c) => c.replace(/^"|"$/g, '')), value);
    return near === undefined ? whole : `${whole}: did you mean ${near}?`;
  });
}

/** The line cli.ts's strings give a bad choice: `invalid value for --X: "v" (choices: "a", "b")`. */
const CHOICE = /^invalid value for --[\w-]+: "([^"]*)" \(choices: (.*)\)$/;
