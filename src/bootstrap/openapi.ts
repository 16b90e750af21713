import { INestApplication, RequestMethod } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

// Every API route lives under /api so the web app can own `/`; health stays at the root for load balancers.
export const API_PREFIX = 'api';

export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/live', method: RequestMethod.GET },
    ],
  });
}

// One document for /api/docs and for the web app's generated client (src/cli/openapi.ts).
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('dutyflow API')
    .setDescription('乡镇配合履职事项流程跟踪：清单导入、事项查询、流程模板、办件与环节')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}
