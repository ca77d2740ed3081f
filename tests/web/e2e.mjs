// End-to-end test of the web front end in a real browser: Debian's chromium, headless, driven by playwright-core
// (from web/node_modules). It signs in to the desktop console and the mobile field app of a running gridgov
// server with the demo data of 庆云县 (371423), checks what each page shows, and saves a screenshot of each.
//
//   GRIDGOV_URL=http://127.0.0.1:8080 node tests/web/e2e.mjs
//
// Environment: GRIDGOV_URL (required), GRIDGOV_SCREENSHOTS (default build/screenshots), GRIDGOV_CHROMIUM
// (default /usr/bin/chromium). Prints one line per check and, last, "N passed, M failed"; exits 1 on a failure.
import { createRequire } from 'node:module'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const base = (process.env.GRIDGOV_URL ?? '').replace(/\/+$/, '')
if (!base) {
  console.error('e2e: set GRIDGOV_URL to the address of a running gridgov server (e.g. http://127.0.0.1:8080)')
  process.exit(2)
}
const shots = resolve(repo, process.env.GRIDGOV_SCREENSHOTS ?? 'build/screenshots')
const chromiumPath = process.env.GRIDGOV_CHROMIUM ?? '/usr/bin/chromium'
const PASSWORD = 'Demo@2026'
const TIMEOUT = 15000

let chromium
try {
  chromium = createRequire(join(repo, 'web', 'package.json'))('playwright-core').chromium
} catch (error) {
  console.error('e2e: playwright-core is missing from web/node_modules (run scripts/setup.sh): ' + error.message)
  process.exit(2)
}

let passed = 0
let failed = 0
const failures = []

function ok(name) {
  passed++
  console.log('ok   ' + name)
}
function fail(name, error) {
  failed++
  const message = (error && error.message ? error.message : String(error)).split('\n')[0]
  failures.push(name + ': ' + message)
  console.log('FAIL ' + name + ': ' + message)
}

/**
 * Runs a section of dependent checks: the first failing check ends the section (later ones are not run).
 * Returns whether every check passed. With `needs` false the section is not run and counts as one failure.
 */
async function section(title, page, body, needs = true) {
  console.log('# ' + title)
  if (!needs) {
    fail(title, new Error('not run: an earlier section it depends on failed'))
    return false
  }
  try {
    await body()
    return true
  } catch (error) {
    if (!error.reported) fail(title, error)
    if (page) await page.screenshot({ path: join(shots, 'failure-' + title.replace(/[^\w-]+/g, '_') + '.png') }).catch(() => {})
    return false
  }
}

/** One named check: `body` throws (or returns false) on failure. */
async function check(name, body) {
  try {
    const result = await body()
    if (result === false) throw new Error('condition not met')
    ok(name)
  } catch (error) {
    fail(name, error)
    error.reported = true
    throw error
  }
}

async function expectText(locator, expected, what) {
  try {
    await locator.filter({ hasText: expected }).first().waitFor({ timeout: TIMEOUT })
  } catch {
    const actual = await locator.first().textContent({ timeout: 1000 }).catch(() => '(not found)')
    throw new Error(`${what}: expected "${expected}", found "${(actual ?? '').trim()}"`)
  }
  const actual = (await locator.first().textContent()).trim()
  if (actual !== expected) throw new Error(`${what}: expected "${expected}", found "${actual}"`)
}

async function shot(page, name) {
  await page.waitForTimeout(300) // let transitions and charts settle
  await page.screenshot({ path: join(shots, name + '.png'), fullPage: true })
}

const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/

try {
  const health = await fetch(base + '/api/v1/health', { signal: AbortSignal.timeout(5000) })
  if (!health.ok) throw new Error('HTTP ' + health.status)
} catch (error) {
  console.error(`e2e: no gridgov server answers ${base}/api/v1/health (${error.cause?.code ?? error.message})`)
  process.exit(2)
}

mkdirSync(shots, { recursive: true })
const profile = mkdtempSync(join(tmpdir(), 'gridgov-e2e-'))
let context
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
} catch (error) {
  console.error(`e2e: cannot start chromium at ${chromiumPath}: ${error.message.split('\n')[0]}`)
  rmSync(profile, { recursive: true, force: true })
  process.exit(2)
}

// Every request must stay on the gridgov server: no CDN, font or tile host.
const origin = new URL(base).origin
const foreign = []
const pageErrors = []
context.on('request', (request) => {
  const url = request.url()
  if (/^https?:/.test(url) && new URL(url).origin !== origin) foreign.push(url)
})
// Totals and answers the pages should show, asked of the API itself (never written into the test).
let apiToken = null
async function apiGet(path) {
  if (!apiToken) {
    const r = await fetch(base + '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'county', password: PASSWORD }),
    })
    apiToken = (await r.json()).token
  }
  const r = await fetch(base + path, { headers: { Authorization: 'Bearer ' + apiToken } })
  if (!r.ok) throw new Error(`HTTP ${r.status} from ${path}`)
  return r.json()
}
async function apiTotal(path) {
  const total = (await apiGet(path)).total
  if (typeof total !== 'number') throw new Error('no total from ' + path)
  return total
}

function watch(page) {
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.setDefaultTimeout(TIMEOUT)
  return page
}

try {
  const page = watch(context.pages()[0] ?? (await context.newPage()))

  const signedIn = await section('console login', page, async () => {
    await page.goto(base + '/')
    await check('unauthenticated visit goes to 登录', async () => {
      await page.waitForURL(/\/login/)
      await page.locator('[data-testid=login-form]').waitFor()
    })
    await shot(page, '01-login')
    await check('wrong password shows the server message', async () => {
      await page.locator('input#login-account').fill('county')
      await page.locator('input#login-password').fill('wrong-password')
      await page.locator('[data-testid=login-submit]').click()
      const text = await page.locator('[data-testid=login-error]').textContent()
      if (!text || !text.trim()) throw new Error('no error message shown')
    })
    await check('county signs in and lands on 驾驶舱', async () => {
      await page.locator('input#login-password').fill(PASSWORD)
      await page.locator('[data-testid=login-submit]').click()
      await page.waitForURL(/\/dashboard$/)
      await expectText(page.locator('[data-testid=user-role]'), '县级综治中心', 'header role')
    })
  })

  await section('dashboard', page, async () => {
    await check('KPI 村/社区 is 339', () =>
      expectText(page.locator('[data-testid=kpi-villages] [data-testid=kpi-value]'), '339', 'KPI 村/社区'))
    await check('KPI 乡镇/街道 is 9', () =>
      expectText(page.locator('[data-testid=kpi-towns] [data-testid=kpi-value]'), '9', 'KPI 乡镇/街道'))
    await check('breadcrumb shows the region chain', () =>
      page.locator('[data-testid=breadcrumb]').filter({ hasText: '庆云县' }).waitFor())
    await check('chart of child regions is drawn', () => page.locator('[data-testid=region-chart] canvas').first().waitFor())
    await check('map draws as many grids as the county has, without tiles', async () => {
      const countyGrids = await apiTotal('/api/v1/grids?region=371423&page_size=1')
      await page.locator('[data-testid=grid-map].leaflet-container').waitFor()
      await page.locator(`[data-testid=grid-map][data-grid-count="${countyGrids}"]`).waitFor()
      if ((await page.locator('[data-testid=grid-map] .leaflet-tile').count()) > 0) throw new Error('tiles loaded')
    })
    await check('map legend follows the chosen figure', async () => {
      await page.locator('[data-testid=map-legend]').filter({ hasText: '户数' }).waitFor()
      await page.locator('[data-testid=map-figure] label', { hasText: '按人口' }).click()
      await page.locator('[data-testid=map-legend]').filter({ hasText: '人口' }).waitFor()
      await page.locator('[data-testid=map-legend]').filter({ hasText: '专属网格' }).waitFor()
    })
    await page.locator('[data-testid=children-table] .el-table__row').first().waitFor()
    await shot(page, '02-dashboard')
    let hovered = ''
    await check('hovering a grid on the map shows its name', async () => {
      const box = await page.locator('[data-testid=grid-map]').boundingBox()
      await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5)
      const tip = page.locator('[data-testid=grid-map] .leaflet-tooltip strong')
      await tip.waitFor()
      hovered = (await tip.textContent()).trim()
      if (!hovered.includes('网格')) throw new Error('tooltip says "' + hovered + '"')
    })
    await check('clicking a grid on the map opens its detail', async () => {
      const box = await page.locator('[data-testid=grid-map]').boundingBox()
      await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.5)
      await page.locator('[data-testid=grid-chain]').filter({ hasText: '庆云县' }).filter({ hasText: hovered }).waitFor()
      await page.locator('[data-testid=staff-table] [data-testid=staff-phone]').first().waitFor()
    })
    await shot(page, '10-dashboard-grid-detail')
    await page.keyboard.press('Escape')
    await page.locator('[data-testid=staff-table]').waitFor({ state: 'hidden' })
  }, signedIn)

  let villageCode = ''
  await section('grid management', page, async () => {
    await page.locator('[data-testid=menu-grids]').click()
    await page.waitForURL(/\/grids$/)
    const county = page.locator('[data-testid=tree-node-371423]')
    await check('tree is rooted at 庆云县', () => county.waitFor())
    const countyItem = page.locator('.el-tree-node', { has: county }).first()
    if ((await countyItem.getAttribute('aria-expanded')) !== 'true') await county.click()
    const town = page.locator('[data-testid=tree-node-371423100]')
    await check('庆云县 expands to its towns', () => town.waitFor())
    await town.click()
    const village = page.locator('[data-testid^=tree-node-371423100][data-level=village]').first()
    await check('庆云镇 expands to its villages', () => village.waitFor())
    villageCode = ((await village.getAttribute('data-testid')) ?? '').replace('tree-node-', '')
    await village.click()
    const firstLink = page.locator(`[data-testid=grid-table] [data-testid^=grid-link-${villageCode}]`).first()
    await check('selecting a village lists its grids', async () => {
      await firstLink.waitFor()
      const others = await page.locator('[data-testid=grid-table] [data-testid^=grid-link-]').evaluateAll(
        (links, prefix) => links.filter((a) => !a.dataset.testid.startsWith('grid-link-' + prefix)).length,
        villageCode,
      )
      if (others > 0) throw new Error(others + ' listed grids are outside village ' + villageCode)
    })
    await shot(page, '03-grids')
    await firstLink.click()
    await check('grid drawer shows the chain and staff with masked phones', async () => {
      await page.locator('[data-testid=grid-chain]').filter({ hasText: '庆云镇' }).waitFor()
      await page.locator('[data-testid=staff-table] [data-testid=staff-phone]').first().waitFor()
      const phones = await page.locator('[data-testid=staff-table] [data-testid=staff-phone]').allTextContents()
      const bad = phones.map((p) => p.trim()).filter((p) => !MASKED_PHONE.test(p))
      if (phones.length === 0) throw new Error('no staff listed')
      if (bad.length > 0) throw new Error('phones not masked: ' + bad.join(', '))
    })
    await shot(page, '04-grid-drawer')
    await page.keyboard.press('Escape')
    await page.locator('[data-testid=staff-table]').waitFor({ state: 'hidden' })
    await check('type filter narrows the county list to 专属网格 of one type', async () => {
      const countyGrids = await apiTotal('/api/v1/grids?region=371423&page_size=1')
      const hospitals = await apiTotal('/api/v1/grids?region=371423&type=hospital&page_size=1')
      await page.locator('[data-testid=tree-node-371423]').click()
      await page.locator('[data-testid=grid-pager]').filter({ hasText: `共 ${countyGrids} 条` }).waitFor()
      await page.locator('[data-testid=grid-type-filter]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '医院专属网格' }).first().click()
      await page.locator('[data-testid=grid-pager]').filter({ hasText: `共 ${hospitals} 条` }).waitFor()
      await page.locator('[data-testid=grid-type-filter]').hover()
      await page.locator('[data-testid=grid-type-filter] .el-select__clear, .el-select:has(#grid-type-filter) .el-select__clear').first().click()
      await page.locator('[data-testid=grid-pager]').filter({ hasText: `共 ${countyGrids} 条` }).waitFor()
    })
    await check('name search narrows the list', async () => {
      await page.locator('input#grid-search').fill('学校')
      await page.locator('input#grid-search').press('Enter')
      const schools = await apiTotal('/api/v1/grids?region=371423&q=' + encodeURIComponent('学校') + '&page_size=1')
      await page.locator('[data-testid=grid-pager]').filter({ hasText: `共 ${schools} 条` }).waitFor()
      const names = await page.locator('[data-testid=grid-table] [data-testid^=grid-link-]').allTextContents()
      if (names.length === 0 || names.some((n) => !n.includes('学校'))) throw new Error('search results: ' + names.join(', '))
    })
  }, signedIn)

  await section('grid map, partition check, GeoJSON', page, async () => {
    const countyGrids = await apiTotal('/api/v1/grids?region=371423&page_size=1')
    await page.locator('[data-testid=tree-node-371423]').click()
    await page.locator('.el-tabs__item', { hasText: '地图与划分检查' }).click()
    const map = page.locator('[data-testid=grid-map-panel] [data-testid=grid-map]')
    await check('网格管理 map shows the grids of 庆云县', () => map.and(page.locator(`[data-grid-count="${countyGrids}"]`)).waitFor())
    await check('划分检查 of 庆云县 finds no problems', async () => {
      await page.locator('[data-testid=grid-check-button]').click()
      await expectText(page.locator('[data-testid=check-total]'), '0', 'problems found')
      await page.locator('[data-testid=check-ok]').waitFor()
      for (const kind of ['gaps', 'overlaps', 'outside', 'oversize']) {
        await expectText(page.locator(`[data-testid=check-count-${kind}] [data-testid=check-count]`), '0', kind)
      }
    })
    await shot(page, '11-grid-check')
    await check('户数上限 100 reports as many oversize grids as the API', async () => {
      const expected = (await apiGet('/api/v1/regions/371423/grid-check?max_households=100')).summary.oversize
      if (!(expected > 0)) throw new Error('the API reports no oversize grid at 100 households')
      const input = page.locator('input#check-max-households')
      await input.fill('100')
      await input.press('Tab')
      await page.locator('[data-testid=grid-check-button]').click()
      await expectText(page.locator('[data-testid=check-count-oversize] [data-testid=check-count]'), String(expected), '网眼过大')
      await page.locator('[data-testid=check-problems] .el-table__row').first().click()
    })
    await page.mouse.move(0, 0) // no row tooltip in the picture
    await page.waitForTimeout(800) // the zoom to the clicked problem
    await shot(page, '12-grid-check-oversize')
    let exported = null
    await check('导出 GeoJSON downloads the grids with their features', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=grid-export]').click()])
      if (!download.suggestedFilename().endsWith('.geojson')) throw new Error('file name ' + download.suggestedFilename())
      exported = JSON.parse(readFileSync(await download.path(), 'utf8'))
      if (exported.type !== 'FeatureCollection' || !(exported.features?.length > 0)) throw new Error('no features in the export')
    })
    await check('导入 GeoJSON with a bad feature lists the refusal and imports nothing', async () => {
      const good = exported.features[0]
      const bad = { type: 'Feature', properties: { code: '12345', name: '编码错误的网格' }, geometry: good.geometry }
      const upload = { type: 'FeatureCollection', features: [good, bad] }
      await page.locator('[data-testid=grid-import-file]').setInputFiles({
        name: 'bad-grids.geojson',
        mimeType: 'application/geo+json',
        buffer: Buffer.from(JSON.stringify(upload)),
      })
      const dialog = page.locator('[data-testid=import-errors-dialog]')
      await dialog.filter({ hasText: '未导入任何网格' }).waitFor()
      const rows = await dialog.locator('[data-testid=import-errors] .el-table__row').allTextContents()
      if (rows.length !== 1 || !rows[0].includes('12345') || !rows[0].startsWith('2')) throw new Error('refusals: ' + rows.join(' | '))
      const after = await apiTotal('/api/v1/grids?region=371423&page_size=1')
      if (after !== countyGrids) throw new Error(`grid count changed from ${countyGrids} to ${after}`)
    })
    await shot(page, '13-grid-import-refused')
    await page.locator('[data-testid=import-errors-dialog] .el-dialog__footer button').click()
    await page.locator('[data-testid=import-errors-dialog]').waitFor({ state: 'hidden' })
    await check('坐标定位 of 117.385,37.776 names the grid the API names', async () => {
      const expected = (await apiGet('/api/v1/grids/locate?lng=117.385&lat=37.776&datum=wgs84')).name
      await page.locator('input#locate-lnglat').fill('117.385,37.776')
      await page.locator('[data-testid=locate-submit]').click()
      await expectText(page.locator('[data-testid=locate-grid-name]'), expected, 'located grid')
    })
    await page.waitForTimeout(800) // the zoom to the grid found
    await shot(page, '14-grid-locate')
  }, signedIn)

  await section('units', page, async () => {
    await page.locator('[data-testid=menu-units]').click()
    await page.waitForURL(/\/units$/)
    await check('处置单位 lists the county units', async () => {
      await page.locator('[data-testid=unit-table] .el-table__row').first().waitFor()
      const units = await apiTotal('/api/v1/units?page_size=1')
      await page.locator('[data-testid=unit-pager]').filter({ hasText: `共 ${units} 条` }).waitFor()
    })
    await check('unit kind filter narrows the list', async () => {
      await page.locator('[data-testid=unit-kind-filter]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '公安' }).first().click()
      const police = await apiTotal('/api/v1/units?kind=police&page_size=1')
      await page.locator('[data-testid=unit-pager]').filter({ hasText: `共 ${police} 条` }).waitFor()
    })
    await shot(page, '05-units')
  }, signedIn)

  await section('working-day calendar', page, async () => {
    await page.locator('[data-testid=menu-system]').click()
    await page.locator('[data-testid=menu-calendar]').click()
    await page.waitForURL(/\/system\/calendar$/)
    await check('2026-02-12 + 3 working days is 2026-02-24', async () => {
      const from = page.locator('input#calendar-from')
      await from.fill('2026-02-12')
      await from.press('Enter')
      await page.locator('input#calendar-days').fill('3')
      await page.locator('input#calendar-days').press('Tab')
      await page.locator('[data-testid=calendar-submit]').click()
      await expectText(page.locator('[data-testid=calendar-due]'), '2026-02-24', 'due date')
    })
    await check('note says the day of receipt is day 0', () =>
      page.locator('[data-testid=calendar-note]').filter({ hasText: '第 0 天' }).waitFor())
    await shot(page, '06-calendar')
  }, signedIn)

  await section('console sign-out', page, async () => {
    await check('退出 returns to 登录', async () => {
      await page.locator('[data-testid=logout]').click()
      await page.waitForURL(/\/login/)
    })
  }, signedIn)

  const mobile = watch(await context.newPage())
  await mobile.setViewportSize({ width: 390, height: 844 })
  await section('mobile app', mobile, async () => {
    await mobile.goto(base + '/m/')
    await check('/m/ shows the mobile login', () => mobile.locator('[data-testid=m-login]').waitFor())
    await shot(mobile, '07-mobile-login')
    await check('grid worker signs in and sees the grid', async () => {
      await mobile.locator('#m-account').fill('grid')
      await mobile.locator('#m-password').fill(PASSWORD)
      await mobile.locator('[data-testid=m-login-submit]').click()
      await mobile.locator('[data-testid=m-grid-name]').waitFor()
      const code = (await mobile.locator('[data-testid=m-grid-code]').textContent()).trim()
      if (!/^371423\d{9}$/.test(code)) throw new Error('grid code "' + code + '" is not a 15-digit code of 庆云县')
    })
    await check('the grid staff are listed with masked phones', async () => {
      const phones = await mobile.locator('[data-testid=m-staff] .phone').allTextContents()
      if (phones.length === 0) throw new Error('no staff listed')
      const bad = phones.map((p) => p.trim()).filter((p) => !MASKED_PHONE.test(p))
      if (bad.length > 0) throw new Error('phones not masked: ' + bad.join(', '))
    })
    await check('the grid outline is drawn on the small map', async () => {
      const code = (await mobile.locator('[data-testid=m-grid-code]').textContent()).trim()
      const outlines = (await apiGet(`/api/v1/regions/${code}/boundaries?level=grid`)).features.length
      if (outlines < 1) throw new Error('the API has no boundary for grid ' + code)
      await mobile.locator(`[data-testid=m-grid-map].leaflet-container[data-outline-count="${outlines}"]`).waitFor()
    })
    await shot(mobile, '08-mobile-my-grid')
    await mobile.locator('[data-testid=m-grid-outline]').screenshot({ path: join(shots, '15-mobile-grid-outline.png') })
    await check('the service worker is active and has the app shell', () =>
      mobile.evaluate(async () => {
        const registration = await Promise.race([
          navigator.serviceWorker.ready,
          new Promise((_, reject) => setTimeout(() => reject(new Error('service worker not ready')), 10000)),
        ])
        if (!registration.active) throw new Error('no active service worker')
        const keys = await caches.keys()
        const cache = await caches.open(keys.find((k) => k.startsWith('gridgov-m-')))
        if (!(await cache.match('/m/'))) throw new Error('/m/ is not cached')
        return true
      }),
    )
    await check('/m/ opens offline with the last data', async () => {
      await context.setOffline(true)
      try {
        await mobile.reload()
        await mobile.locator('[data-testid=m-grid-name]').waitFor()
        await mobile.locator('[data-testid=m-stale]').waitFor()
        await mobile.locator('[data-testid=m-grid-map].leaflet-container:not([data-outline-count="0"])').waitFor()
        await shot(mobile, '09-mobile-offline')
      } finally {
        await context.setOffline(false)
      }
    })
  })

  await section('hygiene', null, async () => {
    await check('no request left the gridgov server', () => {
      if (foreign.length) throw new Error([...new Set(foreign)].slice(0, 5).join(', '))
    })
    await check('no uncaught page errors', () => {
      if (pageErrors.length) throw new Error(pageErrors.slice(0, 3).join(' | '))
    })
  })
} finally {
  await context.close().catch(() => {})
  rmSync(profile, { recursive: true, force: true })
}

console.log('screenshots: ' + shots)
if (failures.length) {
  console.log('failures:')
  for (const f of failures) console.log('  - ' + f)
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
