/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// esbuild's automatic JSX runtime instead of @vitejs/plugin-react (no fast refresh, nothing else missed).
// `npm run dev` proxies /graphql and /auth to a gateway (CHATT_GATEWAY, default http://localhost:5080).
const gateway = process.env.CHATT_GATEWAY ?? 'http://localhost:5080';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true, changeOrigin: false },
      '/auth': { target: gateway, changeOrigin: false },
    },
  },
  test: {
    // Node for the rules; the few files that render or need a browser's globals say `@vitest-environment jsdom`
    // (starting jsdom for every file was most of the suite's time).
    environment: 'node',
    include: ['test/**/*.test.{ts,tsx}'],
  },
});
