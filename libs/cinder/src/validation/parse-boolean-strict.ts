import { BadRequest } from '../errors/client.errors.js';
import { pyStr } from '../python/py-repr.js';
import { pyStrip } from '../python/py-strip.js';

const TRUE_STRINGS = ['1', 't', 'true', 'on', 'y', 'yes'];
const FALSE_STRINGS = ['0', 'f', 'false', 'off', 'n', 'no'];
const ACCEPTABLE = [...TRUE_STRINGS, ...FALSE_STRINGS].sort().map((s) => `'${s}'`).join(', ');

/**
 * oslo `strutils.bool_from_string(value, strict=True)`: booleans as they are; anything else through
 * Python `str()`, stripped and lower-cased, must be one of `1 t true on y yes` / `0 f false off n no`.
 * @throws BadRequest `Unrecognized value '<v>', acceptable values are: '0', '1', …`.
 */
export function parseBooleanStrict(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const text = pyStr(value);
  const lowered = pyStrip(text).toLowerCase();
  if (TRUE_STRINGS.includes(lowered)) return true;
  if (FALSE_STRINGS.includes(lowered)) return false;
  throw new BadRequest(`Unrecognized value '${text}', acceptable values are: ${ACCEPTABLE}`);
}

/**
 * Cinder's `utils.get_bool_param` for query parameters such as `with_count` and `consumes_quota`:
 * unlike {@link parseBooleanStrict} no stripping, and its own message.
 * @throws BadRequest `Value '<v>' for '<name>' is not a boolean.`
 */
export function parseBooleanParam(name: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const lowered = pyStr(value).toLowerCase();
  if (TRUE_STRINGS.includes(lowered)) return true;
  if (FALSE_STRINGS.includes(lowered)) return false;
  throw new BadRequest(`Value '${pyStr(value)}' for '${name}' is not a boolean.`);
}
