import { EXIT, type Io } from '../io.js';
import { KEYS_OF, loadConfig, withDefaults, type ConfigKey } from './config-file.js';

/** What each setting is when neither the command line nor a configuration file sets it. */
const DEFAULTS: Readonly<Record<ConfigKey, unknown>> = {
  catalog: [],
  builtinCatalog: true,
  suppress: null,
  failOn: 'none',
  exclude: [],
  tz: 'UTC',
  dateOrder: null,
  timeFormat: null,
  codeField: null,
  timeField: null,
  delimiter: null,
  records: null,
};

/** `mxscan config`: the settings in effect here (defaults, the configuration file, then the command line). */
export async function runConfig(args: Record<string, unknown>, io: Io): Promise<number> {
  const { file, values } = await loadConfig(args['config'] as string | false | undefined, io.cwd ?? process.cwd());
  const effective = withDefaults(args, values, KEYS_OF['config']!);
  const settings = Object.fromEntries((Object.keys(DEFAULTS) as ConfigKey[]).map((k) => [k, effective[k] ?? DEFAULTS[k]]));
  io.stdout(JSON.stringify({ file, settings }, null, 2) + '\n');
  return EXIT.OK;
}
