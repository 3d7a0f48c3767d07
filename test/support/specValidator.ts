/** Checks REST requests against Discord's OpenAPI spec: a documented route, valid path and query parameters, a body its request schema accepts. */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import addFormats from 'ajv-formats';
import { CLOSEST_BRANCH, SPEC_ID, loadSpec, type OpenApiDoc, type Operation, type Schema } from './openapi.js';

/** One way a request breaks the spec. */
export interface SpecError {
  /** `route`, `path`, `query`, `schema unusable`, or `schema <keyword>` (e.g. `schema maxLength`, `schema format`). */
  rule: string;
  /** JSON pointer into the body (`''`: the body itself). */
  at: string;
  message: string;
  /** What was there (the path for `route`, the parameter's value or name for `path` and `query`). */
  value: unknown;
}

interface Route {
  template: string;
  /** Captures the path parameters' values, in the template's order. */
  pattern: RegExp;
  /** The path parameters: fewer means more specific (`messages/@original` before `messages/{message_id}`). */
  names: string[];
}

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** Request validation for one loaded spec; `specValidator()` shares one per test file. */
export class SpecValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDoc) {
    addFormats.default(this.ajv);
    this.ajv.addFormat('snowflake', /^(0|[1-9][0-9]*)$/);
    // Message nonces: any string; the schema's own maxLength (25) bounds it.
    this.ajv.addFormat('nonce', true);
    // `components` and `paths` only hold schemas for `$ref`s.
    this.ajv.addVocabulary(['components', 'paths']);
    this.ajv.addKeyword({ keyword: CLOSEST_BRANCH, schemaType: 'array', errors: true, compile: (branches: Schema[]) => this.closestBranch(branches) });
    this.ajv.addSchema({ $id: SPEC_ID, components: doc.components, paths: doc.paths });
    this.routes = Object.keys(doc.paths)
      .map((template) => {
        const source = template.split(/\{[^}]+\}/).map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
        return { template, pattern: new RegExp(`^${source.join('([^/]+)')}$`), names };
      })
      .sort((a, b) => a.names.length - b.names.length);
  }

  /** The spec's template for a path below `/api/v10` (e.g. `/webhooks/{webhook_id}/{webhook_token}/messages/@original`) and its parameters. */
  private match(path: string): { template: string; values: Map<string, string> } | undefined {
    for (const { template, pattern, names } of this.routes) {
      const found = pattern.exec(path);
      if (found) return { template, values: new Map(names.map((name, i) => [name, found[i + 1] ?? ''])) };
    }
    return undefined;
  }

  /** Every way the request breaks the spec; empty when it conforms. `body` is the JSON body (a multipart body's `payload_json`). */
  validate(method: string, path: string, query: Record<string, string>, body: unknown): SpecError[] {
    const route = this.match(path);
    const item = route && this.doc.paths[route.template];
    if (!route || !item) return [{ rule: 'route', at: '', message: `${path} is not a documented route`, value: path }];
    const { template, values } = route;
    const operation = item[method.toLowerCase()] as Operation | undefined;
    if (!operation) return [{ rule: 'route', at: '', message: `${template} has no ${method}`, value: path }];
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
    return [...this.parameterErrors(template, parameters, values, query), ...this.bodyErrors(method, template, operation, body)];
  }

  /** The validator of a route's JSON request body, compiled on first use; call it ahead so no request waits for a compile. */
  compile(method: string, template: string): ValidateFunction {
    const pointer = `#/paths/${escapePointer(template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
    let validate = this.validators.get(pointer);
    if (!validate) this.validators.set(pointer, (validate = this.ajv.compile({ $ref: `${SPEC_ID}${pointer}` })));
    return validate;
  }

  /** Path parameters their schemas refuse (a snowflake that is not one); query parameters the route does not take. */
  private parameterErrors(template: string, parameters: NonNullable<Operation['parameters']>, values: Map<string, string>, query: Record<string, string>): SpecError[] {
    const pathErrors = parameters.flatMap(({ name, in: where, schema }) => {
      const value = values.get(name);
      if (where !== 'path' || !schema || value === undefined) return [];
      const validate = this.ajv.compile(schema);
      return validate(value) ? [] : [{ rule: 'path', at: '', message: `{${name}} ${validate.errors?.[0]?.message ?? 'is invalid'}`, value }];
    });
    const known = parameters.filter((p) => p.in === 'query').map((p) => p.name);
    const unknown = Object.keys(query).filter((name) => !known.includes(name));
    const queryErrors = unknown.map((name) => ({ rule: 'query', at: '', message: `${template} takes no query parameter "${name}" (only ${known.join(', ') || 'none'})`, value: name }));
    return [...pathErrors, ...queryErrors];
  }

  private bodyErrors(method: string, template: string, operation: Operation, body: unknown): SpecError[] {
    const route = `${method} ${template}`;
    if (body === undefined) return operation.requestBody?.required ? [{ rule: 'schema required', at: '', message: `${route} needs a body`, value: body }] : [];
    if (!operation.requestBody?.content['application/json']) return [{ rule: 'route', at: '', message: `${route} takes no JSON body`, value: body }];
    let validate: ValidateFunction;
    try {
      validate = this.compile(method, template);
    } catch (error) {
      // A few of the spec's schemas compile nowhere (e.g. an empty `enum`), on routes the bot has no business calling.
      return [{ rule: 'schema unusable', at: '', message: `the spec's schema of ${route} does not compile: ${String(error)}`, value: body }];
    }
    if (validate(body)) return [];
    // `if` errors only say that a branch chosen by `type` failed; branches of a union may repeat the same error.
    const messages = new Set((validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => JSON.stringify(specError(e, body))));
    return [...messages].map((m) => JSON.parse(m) as SpecError);
  }

  /** `CLOSEST_BRANCH`: valid when a branch is; otherwise the errors of the branch with the fewest. */
  private closestBranch(branches: Schema[]): DataValidateFunction {
    const validators = branches.map((branch) => this.ajv.compile(branch));
    const validate: DataValidateFunction = (data, context) => {
      let closest: ErrorObject[] | undefined;
      for (const branch of validators) {
        if (branch(data)) return true;
        if (!closest || (branch.errors?.length ?? 0) < closest.length) closest = branch.errors ?? [];
      }
      validate.errors = (closest ?? []).map((error) => ({ ...error, instancePath: `${context?.instancePath ?? ''}${error.instancePath}` }));
      return false;
    };
    return validate;
  }
}

/** An Ajv error as a `SpecError`, with the value it is about. */
function specError(error: ErrorObject, body: unknown): SpecError {
  const params = error.params as { allowedValues?: unknown[] };
  const allowed = params.allowedValues ? ` ${JSON.stringify(params.allowedValues)}` : '';
  return { rule: `schema ${error.keyword}`, at: error.instancePath, message: `${error.message ?? 'is invalid'}${allowed}`, value: valueAt(body, error.instancePath) };
}

/** The part of `body` a JSON pointer names. */
function valueAt(body: unknown, pointer: string): unknown {
  const keys = pointer.split('/').slice(1).map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
  return keys.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), body);
}

let shared: SpecValidator | undefined;

/** The validator of `../shared/discord-api-spec/openapi.json`, loaded on first use. */
export function specValidator(): SpecValidator {
  return (shared ??= new SpecValidator(loadSpec()));
}
