import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { Response } from 'express';
import { join } from 'node:path';
import { projectRoot } from 'src/common/project-root';

// The built web app (vite → dist/web) at `/`. Any other GET outside /api, /health and /assets is a
// page of the app (e.g. /cases/<id>), so it answers with index.html and the app's router takes over.
export const WEB_APP_DIR = join(projectRoot(), 'dist', 'web');

@Module({
  imports: [
    ServeStaticModule.forRoot({
      rootPath: WEB_APP_DIR,
      exclude: ['/api/{*path}', '/health{/*path}', '/assets/{*path}'],
      serveStaticOptions: {
        setHeaders: (response: Response, path: string) => {
          // Vite puts a content hash in every asset name; index.html must be re-read after a deploy.
          const hashed = path.includes(`${join('web', 'assets')}`);
          response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      },
    }),
  ],
})
export class WebAppModule {}
