import { BadRequest } from '../errors/client.errors.js';
import { parseIsoTime } from './iso-time.js';
import type { TimeComparison } from './list-request.js';

const OPERATORS: readonly string[] = ['gt', 'gte', 'eq', 'neq', 'lt', 'lte'];

/**
 * A volume `created_at`/`updated_at` filter value, `op:time[,op:time…]` (`VolumeController.
 * _handle_time_comparison_filters`). One condition per operator (a repeated operator keeps its last
 * time); Cinder's database layer ORs them.
 * @throws BadRequest `Invalid <op> operator` / `Invalid <time> value`, Cinder's messages.
 */
export function parseTimeComparisons(value: string): Array<{ cmp: TimeComparison; at: string }> {
  const byOperator = new Map<TimeComparison, string>();
  for (const unit of value.split(',')) {
    const [op = '', ...rest] = unit.split(':');
    // Python: time = ':'.join(parts[1:]), or the operator itself when there is no ':'.
    const time = rest.length === 0 ? op : rest.join(':');
    if (!OPERATORS.includes(op)) throw new BadRequest(`Invalid ${op} operator`);
    const at = parseIsoTime(time);
    if (at === undefined) throw new BadRequest(`Invalid ${time} value`);
    byOperator.set(op as TimeComparison, at);
  }
  return [...byOperator].map(([cmp, at]) => ({ cmp, at }));
}
