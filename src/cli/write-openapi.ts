import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from 'src/app.module';
import { buildOpenApiDocument, setApiPrefix } from 'src/bootstrap/openapi';

// Writes the OpenAPI document from the compiled modules' metadata, with the swagger plugin's
// inferred properties, without a database or Redis: preview mode instantiates no provider.
// `npm run build` runs it before generating the web app's client (web/src/api/schema.d.ts).
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node dist/src/cli/write-openapi.js <file.json>');
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false });
  setApiPrefix(app);
  writeFileSync(out, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`write-openapi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
