// A small Swagger 2.0 schema checker for conformance tests: $ref, type (integer vs number vs
// string matters: venues send decimals as strings), required properties, items and enums.
// Extra properties are allowed, as clients must tolerate additions.
export interface SwaggerDoc {
  readonly definitions: Record<string, SchemaNode>;
  readonly paths: Record<string, Record<string, { responses: Record<string, { schema?: SchemaNode }> }>>;
}

export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly required?: readonly string[];
  readonly properties?: Record<string, SchemaNode>;
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly additionalProperties?: SchemaNode | boolean;
}

export function check(doc: SwaggerDoc, schema: SchemaNode, value: unknown, path = '$', depth = 0): string[] {
  if (depth > 30) return [];
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace('#/definitions/', '');
    const def = doc.definitions[name];
    if (def === undefined) return [`${path}: unknown $ref ${schema.$ref}`];
    return check(doc, def, value, path, depth + 1);
  }
  const errors: string[] = [];
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected object, got ${JSON.stringify(value)?.slice(0, 40)}`];
      const v = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in v)) errors.push(`${path}.${key}: required`);
      for (const [key, sub] of Object.entries(schema.properties ?? {})) if (key in v && v[key] !== null) errors.push(...check(doc, sub, v[key], `${path}.${key}`, depth + 1));
      if (typeof schema.additionalProperties === 'object') for (const [key, sub] of Object.entries(v)) errors.push(...check(doc, schema.additionalProperties, sub, `${path}.${key}`, depth + 1));
      return errors;
    }
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected array`];
      return schema.items === undefined ? [] : value.flatMap((item, i) => check(doc, schema.items!, item, `${path}[${i}]`, depth + 1));
    case 'string':
      if (typeof value !== 'string') return [`${path}: expected string, got ${typeof value}`];
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        // int64 fields may be serialised as strings by gRPC gateways.
        if (!(schema.format === 'int64' && typeof value === 'string' && /^-?\d+$/.test(value))) return [`${path}: expected integer, got ${JSON.stringify(value)}`];
      }
      break;
    case 'number':
      if (typeof value !== 'number') return [`${path}: expected number, got ${typeof value}`];
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return [`${path}: expected boolean, got ${typeof value}`];
      break;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  return errors;
}

export function responseSchema(doc: SwaggerDoc, path: string, method: string, status: string): SchemaNode {
  const s = doc.paths[path]?.[method]?.responses[status]?.schema;
  if (s === undefined) throw new Error(`no ${method.toUpperCase()} ${path} ${status} schema`);
  return s;
}
