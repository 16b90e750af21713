import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { CalendarSeeder } from 'src/calendar/calendar.seeder';
import { DutyListImporter } from 'src/duty-lists/duty-list.importer';
import { UserRole } from 'src/users/user-role';
import { loginAs } from 'test/utils/auth';
import { createTestApp } from 'test/utils/create-test-app';
import { resetDatabase } from 'test/utils/database';
import { obliterateQueues } from 'test/utils/queues';
import { readSeed } from 'test/utils/seeds';

// Zero 5xx from malformed input anywhere (issue 11, item 4). Every operation of the OpenAPI document
// — including routes added later — gets generated path parameters, queries and bodies: values that
// follow the schema, and values that break it (null, NUL, lone surrogates, huge numbers, deep
// nesting, wrong types). Any answer ≥ 500 fails with the request that caused it.

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const RUNS_PER_OPERATION = 30;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const nastyText = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff好',
  'x'.repeat(5_000),
  '%00',
  '../../etc/passwd',
  "'; DROP TABLE cases; --",
  '1e20',
  '-1',
  '99999999999999999999',
  'NaN',
  '2026-02-30',
  '残疾人证',
  '{"a":1}',
);
const nastyNumber = fc.constantFrom(0, -1, 1e20, -1e20, 1.5, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 99999999);
const deep = (levels: number): unknown => (levels === 0 ? 1 : { a: deep(levels - 1) });
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyText,
  nastyNumber,
  fc.constantFrom(null, true, [], {}, [null], { '\u0000': 1 }, deep(40), [deep(40)]),
);

describe('fuzzing every operation of the OpenAPI document', () => {
  let app: INestApplication;
  let http: App;
  let document: OpenApi;
  let tokens: string[];
  let realIds: string[];

  beforeAll(async () => {
    app = await createTestApp();
    http = app.getHttpServer() as App;
    const dataSource = app.get(DataSource);
    await resetDatabase(dataSource);
    await app.get(CalendarSeeder).seedFromFile();
    await app
      .get(DutyListImporter)
      .importFile(readSeed('qitai-sangezhuangzi.txt'), 'qitai-sangezhuangzi.txt');
    const clerk = await loginAs(app, {
      username: 'fuzz-clerk',
      role: UserRole.TownshipStaff,
      township: '三个庄子镇',
    });
    tokens = [
      await loginAs(app, { username: 'fuzz-admin', role: UserRole.Admin }),
      clerk,
      await loginAs(app, {
        username: 'fuzz-canlian',
        role: UserRole.DepartmentStaff,
        department: '奇台县残联',
      }),
      await loginAs(app, { username: 'fuzz-supervisor', role: UserRole.Supervisor, county: '奇台县' }),
    ];
    const templates = await request(http)
      .get('/api/templates?q=残疾人证')
      .set('Authorization', `Bearer ${clerk}`);
    const templateId = (templates.body as { items: { id: string }[] }).items[0].id;
    await request(http)
      .post('/api/cases')
      .set('Authorization', `Bearer ${clerk}`)
      .send({ templateId, title: '模糊测试办件', subject: '张三' })
      .expect(201);
    const ids = await dataSource.query<{ id: string }[]>(
      `SELECT id::text FROM workflow_templates WHERE id = $1
       UNION ALL (SELECT id::text FROM cases LIMIT 2)
       UNION ALL (SELECT id::text FROM case_steps LIMIT 3)
       UNION ALL (SELECT id::text FROM townships LIMIT 1)
       UNION ALL (SELECT id::text FROM departments LIMIT 2)
       UNION ALL (SELECT id::text FROM duty_list_documents LIMIT 1)
       UNION ALL (SELECT id::text FROM users LIMIT 1)`,
      [templateId],
    );
    realIds = [...ids.map((row) => row.id), '奇台县'];
    document = (await request(http).get('/api/docs/openapi.json').expect(200)).body as OpenApi;
  });

  afterAll(async () => {
    await obliterateQueues(app);
    await app.close();
  });

  const resolve = (schema: Schema | undefined): Schema => {
    let current = schema ?? {};
    for (let hops = 0; current.$ref && hops < 10; hops += 1) {
      current = document.components?.schemas?.[current.$ref.split('/').pop() ?? ''] ?? {};
    }
    return current;
  };

  const valueFor = (schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> => {
    const resolved = resolve(schema);
    const variants = [resolved.allOf, resolved.oneOf, resolved.anyOf].find((list) => list?.length);
    if (variants) return fc.oneof(...variants.map((variant) => valueFor(variant, depth)));
    const conforming = conformingValue(resolved, depth);
    return fc.oneof({ arbitrary: conforming, weight: 2 }, { arbitrary: nastyValue, weight: 1 });
  };

  const conformingValue = (schema: Schema, depth: number): fc.Arbitrary<unknown> => {
    if (schema.enum?.length) return fc.constantFrom(...schema.enum);
    if (depth > 4) return fc.constant(null);
    switch (schema.type) {
      case undefined:
        return fc.oneof(fc.string({ maxLength: 30 }), nastyValue);
      case 'integer':
      case 'number':
        return fc.oneof(fc.integer({ min: -5, max: 400 }), nastyNumber);
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(valueFor(schema.items, depth + 1), { maxLength: 4 });
      case 'object':
        return objectFor(schema, depth);
      default:
        if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...realIds), fc.uuid());
        if (schema.format === 'date' || schema.format === 'date-time')
          return fc.oneof(fc.constantFrom('2026-03-02', '2026-12-31T00:00:00Z'), nastyText);
        return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...realIds), nastyText);
    }
  };

  const objectFor = (schema: Schema, depth: number): fc.Arbitrary<unknown> => {
    const properties = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    const fields = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [name, valueFor(property, depth + 1)]),
    );
    return fc.record(fields, {
      requiredKeys: Object.keys(properties).filter((name) => required.has(name)),
    });
  };

  const parameterValue = (parameter: Parameter): fc.Arbitrary<string> =>
    fc
      .oneof(
        { arbitrary: fc.constantFrom(...realIds), weight: parameter.in === 'path' ? 3 : 0 },
        { arbitrary: valueFor(parameter.schema), weight: 3 },
      )
      .map((value) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')));

  // A few hundred requests: on a loaded machine that takes minutes, not the default 60 s.
  it('should never answer 5xx', async () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] })),
    );
    expect(operations.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const { path, method, operation } of operations) {
      const parameters = (operation.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
      const content = operation.requestBody?.content ?? {};
      const multipart = Boolean(content['multipart/form-data']);
      const bodySchema = content['application/json']?.schema;
      const input = fc.record({
        params: fc.tuple(...parameters.map(parameterValue)),
        omitQuery: fc.array(fc.boolean(), { minLength: parameters.length, maxLength: parameters.length }),
        body: bodySchema ? valueFor(bodySchema) : fc.constant(undefined),
        file: fc.oneof(fc.string({ maxLength: 200 }), nastyText),
        token: fc.constantFrom(...tokens),
      });
      await fc
        .assert(
          fc.asyncProperty(input, async ({ params, omitQuery, body, file, token }) => {
            let url = path;
            const query: string[] = [];
            parameters.forEach((parameter, index) => {
              const value = params[index];
              if (parameter.in === 'path')
                url = url.replace(`{${parameter.name}}`, encodeURIComponent(value));
              else if (!omitQuery[index]) query.push(`${parameter.name}=${encodeURIComponent(value)}`);
            });
            if (query.length) url += `?${query.join('&')}`;
            let call = request(http)[method](url).set('Authorization', `Bearer ${token}`);
            if (multipart) call = call.attach('file', Buffer.from(file), 'fuzz.txt');
            else if (body !== undefined) call = call.send(body as object);
            const response = await call;
            if (response.status >= 500) {
              failures.push(
                `${method.toUpperCase()} ${url} ${JSON.stringify(body)?.slice(0, 300)} → ${response.status}`,
              );
            }
            return response.status < 500;
          }),
          { numRuns: RUNS_PER_OPERATION, endOnFailure: true },
        )
        .catch(() => undefined); // collected in `failures`, reported all at once below
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
