import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';

// One entry (app.js) that the host's Razor pages load; each page component is its own chunk, fetched only by the
// page that shows it. File names of the entry and its stylesheet stay fixed so that pages can link them
// (asp-append-version adds the cache-busting hash); chunks carry their hash in the name. The entry only loads
// main.ts: a chunk that imported the entry itself would import /app/app.js without the page's ?v= and run it twice.
// Schools' links are slow: each script, stylesheet and icon sprite is also written Brotli-compressed at the highest
// quality (X.js.br), which the host sends to browsers that accept it. Compressing per request at that quality would
// cost too much; the host's own on-the-fly compression (fastest) made the lesson page's script a third larger.
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'media-precompress',
    apply: 'build',
    configResolved(config) { outDir = config.build.outDir; },
    writeBundle(_options, bundle) {
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!/\.(js|css|svg)$/.test(fileName)) continue;
        const content = output.type === 'chunk' ? output.code : output.source;
        const compressed = brotliCompressSync(Buffer.from(content), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        writeFileSync(join(outDir, `${fileName}.br`), compressed);
      }
    },
  };
}

export default defineConfig({
  plugins: [vue(), precompress()],
  // Plyr's icon sprite is not among its package's exports; the player links it from here (served by the host).
  resolve: { alias: [{ find: /^plyr-icons\.svg/, replacement: fileURLToPath(new URL('./node_modules/plyr/dist/plyr.svg', import.meta.url)) }] },
  base: '/app/',
  build: {
    outDir: fileURLToPath(new URL('../server/Media.Server/wwwroot/app', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 800,
    // One stylesheet (TDesign's and ours) that the Razor page links; page chunks then carry script only.
    cssCodeSplit: false,
    rollupOptions: {
      input: fileURLToPath(new URL('./src/app.ts', import.meta.url)),
      output: {
        entryFileNames: 'app.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: (asset) => (asset.names?.some((n) => n.endsWith('.css')) ? 'app.css' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
});
