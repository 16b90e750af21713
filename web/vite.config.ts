import vue from '@vitejs/plugin-vue';
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';

// The web app; `npm run build` writes it to dist/web, which Nest serves at `/` (src/web).
// In development, `npm run dev:web` proxies /api to a running `npm start` on PORT (default 3000).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [vue()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // The server's working-day arithmetic (pure TypeScript): one place for the rule.
      '@calendar': fileURLToPath(new URL('../src/calendar', import.meta.url)),
      // The server's checks of 公民身份号码 and phone numbers (pure TypeScript), so the form says what the API would.
      '@personal-data': fileURLToPath(new URL('../src/common/personal-data', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts: the Content-Security-Policy allows only the app's own files.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
