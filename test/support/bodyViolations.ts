/** Checks a REST request the bot sent against Discord's OpenAPI spec and the documented rules the spec leaves out. */
import { documentedRuleErrors } from './bodyRules.js';
import type { RecordedRequest } from './rest.js';
import { specValidator } from './specValidator.js';

/** One way a request breaks the spec or the docs. */
export interface BodyViolation {
  /** `METHOD /path` below `/api/v10`. */
  request: string;
  /** `spec: schema maxLength`, `spec: route`, `docs: EMBED_URL_DUPLICATED`, … */
  rule: string;
  /** JSON pointer into the body (`''`: the body or the request itself). */
  at: string;
  message: string;
  /** The offending value (undefined: absent). */
  value: unknown;
}

/** The longest a value is quoted in a violation's description. */
const VALUE_QUOTE = 160;

/** Every violation of one request: the spec's route, query and request schema, then the documented rules. */
export function checkRequest({ method, path, query, body }: Pick<RecordedRequest, 'method' | 'path' | 'query' | 'body'>): BodyViolation[] {
  const request = `${method} ${path}`;
  const spec = specValidator()
    .validate(method, path, query, body)
    .map(({ rule, at, message, value }) => ({ request, rule: `spec: ${rule}`, at, message, value }));
  return [...spec, ...documentedRules(request, method, path, body, spec.length > 0)];
}

/** The documented rules' violations; they read the body as the spec shapes it, so they may fail on a body the spec refused. */
function documentedRules(request: string, method: string, path: string, body: unknown, misshapen: boolean): BodyViolation[] {
  try {
    return documentedRuleErrors(method, path, body).map(({ path: at, code, message, value }) => ({
      request,
      rule: `docs: ${code}`,
      at: at.map((key) => `/${key}`).join(''),
      message,
      value,
    }));
  } catch (error) {
    // A misshapen body is reported by the spec; otherwise a failing check is itself reported, without breaking the fake.
    return misshapen ? [] : [{ request, rule: 'docs: CHECK_FAILED', at: '', message: String(error), value: body }];
  }
}

/** One line naming the request, the rule, where in the body (when in it), what is wrong and the value at fault. */
export function describeViolation({ request, rule, at, message, value }: BodyViolation): string {
  const json = value === undefined ? '(absent)' : JSON.stringify(value);
  const quoted = [...json].length > VALUE_QUOTE ? `${[...json].slice(0, VALUE_QUOTE).join('')}…` : json;
  return `${request} [${rule}]${at && ` ${at}`}: ${message}; value ${quoted}`;
}
