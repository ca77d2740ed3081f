// Vite build of the two front ends: the desktop console (index.html, served at /) and the mobile field app
// (m/index.html, served at /m/). Besides the bundles, the build writes the mobile service worker (m/sw.js,
// precaching exactly the files the mobile entry needs) and a .gz beside every compressible file, which
// `gridgov serve` sends to clients that accept gzip.
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join, resolve } from 'node:path'
import { gzipSync, constants as zlib } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

const root = fileURLToPath(new URL('.', import.meta.url))

// Emits m/sw.js from src/mobile/sw.js with the mobile entry's files (JS, CSS, assets, and the chunks it imports
// dynamically) listed for precaching.
function mobileServiceWorker(): Plugin {
  return {
    name: 'gridgov-mobile-sw',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = new Set<string>()
      const visit = (fileName: string) => {
        const chunk = bundle[fileName]
        if (!chunk || chunk.type !== 'chunk' || files.has(fileName)) return
        files.add(fileName)
        const meta = (chunk as { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } })
          .viteMetadata
        meta?.importedCss.forEach((f) => files.add(f))
        meta?.importedAssets.forEach((f) => files.add(f))
        chunk.imports.forEach(visit)
        // Chunks the app loads on demand (the grid map's Leaflet) must open offline too.
        chunk.dynamicImports.forEach(visit)
      }
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry && chunk.facadeModuleId?.replace(/\\/g, '/').endsWith('/m/index.html')) {
          visit(chunk.fileName)
        }
      }
      if (files.size === 0) this.error('mobile entry m/index.html not found in the bundle')
      const urls = ['/m/', '/m/manifest.webmanifest', '/m/icon.svg', ...[...files].sort().map((f) => '/' + f)]
      const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 12)
      const template = readFileSync(resolve(root, 'src/mobile/sw.js'), 'utf8')
      const source = template
        .replace('__GRIDGOV_SW_VERSION__', version)
        .replace("['__GRIDGOV_PRECACHE__']", JSON.stringify(urls, null, 2))
      this.emitFile({ type: 'asset', fileName: 'm/sw.js', source })
    },
  }
}

// Writes FILE.gz beside every compressible file of at least 1 KiB in the output directory.
function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'gridgov-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name)
          if (statSync(path).isDirectory()) walk(path)
          else if (/\.(js|mjs|css|html|svg|json|webmanifest|txt)$/.test(name) && statSync(path).size >= 1024) {
            const data = readFileSync(path)
            const packed = gzipSync(data, { level: zlib.Z_BEST_COMPRESSION })
            if (packed.length < data.length) writeFileSync(path + '.gz', packed)
          }
        }
      }
      walk(outDir)
    },
  }
}

export default defineConfig({
  base: '/',
  resolve: { alias: { '@': resolve(root, 'src') } },
  plugins: [
    vue(),
    Components({
      dts: 'src/components.d.ts',
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
    }),
    mobileServiceWorker(),
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: {
        console: resolve(root, 'index.html'),
        mobile: resolve(root, 'm/index.html'),
      },
      output: {
        // Named vendor chunks: Vue (shared by both entries) and the two heavy libraries, which only the pages
        // that draw charts or maps load. Element Plus is left to split by route, so 登录 loads only its parts.
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router)[\\/]/, priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 20 },
            { name: 'leaflet', test: /node_modules[\\/]leaflet[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': process.env.GRIDGOV_API ?? 'http://127.0.0.1:8090' },
  },
})
