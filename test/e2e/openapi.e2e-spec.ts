import { INestApplication } from '@nestjs/common';
import { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from 'src/bootstrap/openapi';
import { createTestApp } from 'test/utils/create-test-app';
import { obliterateQueues } from 'test/utils/queues';

type Schema = Record<string, unknown>;

// Places in a schema that describe nothing: an object with neither properties, additionalProperties
// nor a reference (what `type: Object` or a missing DTO produce), and an array without items.
function emptySchemas(schema: unknown, where: string, found: string[]): void {
  if (typeof schema !== 'object' || schema === null) return;
  const s = schema as Schema;
  const composed = ['$ref', 'allOf', 'oneOf', 'anyOf'].some((key) => key in s);
  if (s.type === 'object' && !composed && !s.properties && s.additionalProperties === undefined)
    found.push(`${where}: object without properties`);
  if (s.type === 'array' && !s.items) found.push(`${where}: array without items`);
  for (const [key, value] of Object.entries(s)) {
    if (key === 'example' || key === 'examples') continue;
    if (Array.isArray(value)) value.forEach((item, i) => emptySchemas(item, `${where}.${key}[${i}]`, found));
    else emptySchemas(value, `${where}.${key}`, found);
  }
}

// What the web app's generated client relies on: every operation says what it answers.
function operationProblems(document: OpenAPIObject): string[] {
  const problems: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) problems.push(`${name}: no 2xx response`);
      for (const [status, response] of success) {
        if (status === '204') continue;
        const content = response && 'content' in response ? response.content : undefined;
        const schemas = Object.values(content ?? {}).map((media) => media.schema);
        if (schemas.length === 0 || schemas.some((schema) => !schema))
          problems.push(`${name}: ${status} has no response schema`);
        schemas.forEach((schema) => emptySchemas(schema, `${name} ${status}`, problems));
      }
    }
  }
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    emptySchemas(schema, `components.schemas.${name}`, problems);
  }
  return problems;
}

describe('the OpenAPI document', () => {
  let app: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await createTestApp();
    document = buildOpenApiDocument(app);
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  it('should describe the answer of every operation with a complete schema', () => {
    expect(Object.keys(document.paths).length).toBeGreaterThan(20);
    expect(operationProblems(document)).toEqual([]);
  });

  it('should catch an operation without a response schema (the check itself can fail)', () => {
    const broken: OpenAPIObject = {
      ...document,
      paths: {
        '/api/broken': {
          get: { responses: { '200': { description: 'ok' } } },
          post: {
            responses: {
              '201': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } },
            },
          },
        },
      },
      components: {},
    };
    expect(operationProblems(broken)).toEqual([
      'GET /api/broken: 200 has no response schema',
      'POST /api/broken 201: object without properties',
    ]);
  });
});
