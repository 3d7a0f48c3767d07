/**
 * Discord's OpenAPI spec (`../shared/discord-api-spec/openapi.json`, see its README), read and prepared for a
 * JSON Schema 2020-12 validator: the types the developer docs define differently patched to the docs, `$ref`s
 * made absolute, and unions rewritten so that a body is checked against, and its errors come from, one branch.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the spec is: `shared/discord-api-spec/openapi.json` beside the repository. */
export const SPEC_FILE = fileURLToPath(new URL('../../../shared/discord-api-spec/openapi.json', import.meta.url));

/** The `$id` the spec's schemas are registered under; every `$ref` points into it. */
export const SPEC_ID = 'https://discord.com/api/v10/openapi.json';
/**
 * The keyword a union with no `type` to tell its branches apart becomes: valid when a branch is (like `anyOf`;
 * Discord's unions are meant as `oneOf` but their branches never overlap), with the errors of the closest branch.
 */
export const CLOSEST_BRANCH = 'x-closest-branch';

/** A JSON Schema node of the spec (OpenAPI 3.1 schemas are JSON Schema 2020-12). */
export type Schema = { [keyword: string]: unknown };

/** One operation of a path: its request body, by media type. */
export interface Operation {
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
}

/** The parts of the spec the validator reads. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation> & { parameters?: Operation['parameters'] }>;
  components: { schemas: Record<string, Schema> };
}

/** A permission bit set as the docs type it: a string of digits (`"32"`), or null. */
const PERMISSIONS: Schema = { type: ['string', 'null'], pattern: '^(0|[1-9][0-9]*)$' };

/**
 * Where the spec and the developer docs differ, the docs win (the spec's README): component properties
 * and the schema the docs give them.
 */
const DOCUMENTED_TYPES: Array<[component: string, property: string, schema: Schema]> = [
  // The spec's requests say integer; the docs say "?string", as Discord's own ApplicationCommandResponse has it.
  ...['ApplicationCommandCreateRequest', 'ApplicationCommandUpdateRequest', 'ApplicationCommandPatchRequestPartial'].map(
    (component): [string, string, Schema] => [component, 'default_member_permissions', PERMISSIONS],
  ),
];

/** Reads the spec, failing with what to do when the file is missing; then patches and rewrites it (see the module comment). */
export function loadSpec(file = SPEC_FILE): OpenApiDoc {
  if (!existsSync(file)) {
    throw new Error(`Discord's OpenAPI spec is missing at ${file}: the end-to-end suite validates every REST body against it (see shared/discord-api-spec/README.md)`);
  }
  const doc = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDoc;
  for (const [component, property, schema] of DOCUMENTED_TYPES) {
    const properties = doc.components.schemas[component]?.properties as Record<string, Schema> | undefined;
    if (!properties?.[property]) throw new Error(`spec patch: ${component}.${property} is no longer in ${file}; review DOCUMENTED_TYPES`);
    properties[property] = schema;
  }
  const resolve = (node: Schema) => (typeof node.$ref === 'string' ? doc.components.schemas[node.$ref.split('#/components/schemas/')[1] ?? ''] ?? node : node);
  return { paths: readableUnions(doc.paths, resolve) as OpenApiDoc['paths'], components: { schemas: readableUnions(doc.components.schemas, resolve) as Record<string, Schema> } };
}

const isNull = (node: unknown) => typeof node === 'object' && node !== null && Object.keys(node).length === 1 && (node as Schema).type === 'null';

/**
 * The same schemas with absolute `$ref`s (any part compiles on its own) and each `oneOf`/`anyOf` rewritten:
 * a union of constants (Discord's enums) as `enum`; "null or X" as `if null … else X`; a union of objects
 * told apart by disjoint `type` values as one `if type … then branch` per branch; any other union as
 * `CLOSEST_BRANCH`. Errors then come from one branch.
 */
function readableUnions(node: unknown, resolve: (node: Schema) => Schema | undefined): unknown {
  if (Array.isArray(node)) return node.map((item) => readableUnions(item, resolve));
  if (typeof node !== 'object' || node === null) return node;
  const absolute = (key: string, value: unknown) => (key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SPEC_ID}${value}` : readableUnions(value, resolve));
  const copy: Schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, absolute(key, value)]));
  const key = Array.isArray(copy.oneOf) ? 'oneOf' : Array.isArray(copy.anyOf) ? 'anyOf' : undefined;
  if (!key || 'if' in copy) return copy;
  const { [key]: union, 'x-discord-union': _, ...rest } = copy as Schema & Record<typeof key, Schema[]>;
  if (union.every((branch) => 'const' in branch)) return { ...rest, enum: union.map((branch) => branch.const) };
  const others = union.filter((branch) => !isNull(branch));
  const readable = others.length === 1 ? others[0]! : (discriminated(others, resolve) ?? { [CLOSEST_BRANCH]: others });
  if (others.length === union.length) return { ...rest, ...withAllOf(rest, readable) };
  return { ...rest, if: { type: 'null' }, else: readable };
}

/** `if type ∈ …, then branch` for each branch, when every branch is an object whose required `type` has values no other branch has. */
function discriminated(branches: Schema[], resolve: (node: Schema) => Schema | undefined): Schema | undefined {
  const tags = branches.map((branch) => {
    const target = resolve(branch);
    const tag = (target?.properties as Record<string, Schema> | undefined)?.type;
    const values = tag && (Array.isArray(tag.enum) ? tag.enum : 'const' in tag ? [tag.const] : undefined);
    return Array.isArray(target?.required) && target.required.includes('type') ? values : undefined;
  });
  const all = tags.flat();
  if (tags.some((values) => values === undefined) || new Set(all).size !== all.length) return undefined;
  return {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: all } },
    allOf: branches.map((branch, i) => ({ if: { properties: { type: { enum: tags[i] } } }, then: branch })),
  };
}

/** `extra` added to a schema that may already have `allOf`. */
function withAllOf(schema: Schema, extra: Schema): Schema {
  return { allOf: [...((schema.allOf as Schema[] | undefined) ?? []), extra] };
}
