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
// The same, as another demo account, with any method (e.g. to act on a case between two looks of a page).
const apiTokens = new Map()
async function apiAs(login, method, path, body) {
  if (!apiTokens.has(login)) {
    const r = await fetch(base + '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, password: PASSWORD }),
    })
    apiTokens.set(login, (await r.json()).token)
  }
  const headers = { Authorization: 'Bearer ' + apiTokens.get(login) }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const r = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const data = await r.json().catch(() => null)
  if (!r.ok) throw new Error(`HTTP ${r.status} from ${method} ${path}: ${data?.error?.message ?? ''}`)
  return { status: r.status, data }
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

  // ---- 事件工单 (cases): figures, list, detail, registration — as county ----
  const caseKpi = (key) => page.locator(`[data-testid=kpi-cases-${key}] [data-testid=kpi-value]`)
  const kpiNumber = async (key) => Number((await caseKpi(key).textContent()).replace(/[^\d]/g, ''))
  const OPEN_STATES = 'registered,accepted,dispatched,handling,finished,verified,closed,suspended'
  let ratedBefore = -1
  await section('dashboard case figures', page, async () => {
    await page.locator('[data-testid=menu-dashboard]').click()
    await page.waitForURL(/\/dashboard$/)
    for (const [key, query, label] of [
      ['events', 'type=event', '事件'],
      ['work-orders', 'type=work_order', '12345工单'],
      ['handling', 'state=handling', '处置中'],
      ['rated', 'state=rated', '办结'],
      ['overdue', 'warning=red&state=' + OPEN_STATES, '已超期'],
    ]) {
      await check(`KPI ${label} equals the API's total`, async () => {
        const expected = await apiTotal('/api/v1/cases?page_size=1&' + query)
        await expectText(caseKpi(key), expected.toLocaleString('zh-CN'), 'KPI ' + label)
        if (key === 'rated') ratedBefore = expected
      })
    }
    await page.locator('[data-testid=case-kpis]').screenshot({ path: join(shots, '16-dashboard-case-kpis.png') })
  }, signedIn)

  let firstCase = null
  await section('cases list', page, async () => {
    await page.locator('[data-testid=menu-cases]').click()
    await page.waitForURL(/\/cases$/)
    const pager = page.locator('[data-testid=case-pager]')
    await check('事件工单 lists as many cases as the API', async () => {
      const total = await apiTotal('/api/v1/cases?page_size=1')
      if (!(total > 0)) throw new Error('the API lists no case (demo without --cases?)')
      await pager.filter({ hasText: `共 ${total} 条` }).waitFor()
      await page.locator('[data-testid=case-table] .el-table__row').first().waitFor()
    })
    await check('to-do tabs show the counts of /cases/todo', async () => {
      const todo = (await apiGet('/api/v1/cases/todo'))
      for (const key of ['to_accept', 'to_sign', 'to_handle', 'to_verify', 'due_soon', 'overdue']) {
        await expectText(page.locator(`[data-testid=case-tab-${key}] [data-testid=tab-count]`), String(todo[key]), 'tab ' + key)
      }
    })
    await check('type filter 12345工单 narrows the list', async () => {
      const orders = await apiTotal('/api/v1/cases?type=work_order&page_size=1')
      await page.locator('[data-testid=case-type-filter]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '12345工单' }).first().click()
      await pager.filter({ hasText: `共 ${orders} 条` }).waitFor()
      const types = await page.locator('[data-testid=case-table] .el-table__row').evaluateAll((rows) => rows.length)
      if (types === 0 && orders > 0) throw new Error('no rows')
    })
    await check('已超期 tab lists the red-card cases with their badge', async () => {
      await page.locator('[data-testid=case-tab-overdue]').click()
      const red = await apiTotal('/api/v1/cases?type=work_order&warning=red&page_size=1&state=' + OPEN_STATES)
      await pager.filter({ hasText: `共 ${red} 条` }).waitFor()
      const rows = await page.locator('[data-testid=case-table] .el-table__row').count()
      const badges = await page.locator('[data-testid=case-table] [data-testid=warning-badge]', { hasText: '红牌' }).count()
      if (rows > 0 && badges !== rows) throw new Error(`${badges} red badges on ${rows} rows`)
    })
    await page.locator('[data-testid=case-tab-all]').click()
    await page.locator('button', { hasText: '重置' }).click()
    await check('keyword search finds the cases the API finds', async () => {
      const first = (await apiGet('/api/v1/cases?page_size=1')).items[0]
      const word = first.title.slice(0, 4)
      const expected = await apiTotal('/api/v1/cases?page_size=1&q=' + encodeURIComponent(word))
      await page.locator('input#case-search').fill(word)
      await page.locator('input#case-search').press('Enter')
      await pager.filter({ hasText: `共 ${expected} 条` }).waitFor()
      const titles = await page.locator('[data-testid=case-table] [data-testid=case-title]').allTextContents()
      if (titles.length === 0) throw new Error('no rows')
      firstCase = first
    })
    await page.locator('input#case-search').fill('')
    await page.locator('input#case-search').press('Enter')
    await page.mouse.move(0, 0)
    await shot(page, '17-cases')
    await check('a case opens with its fields, deadlines, map and the whole timeline', async () => {
      const detail = (await apiGet('/api/v1/cases/' + firstCase.id))
      await page.locator(`[data-testid=case-link-${firstCase.id}]`).click()
      const drawer = page.locator('[data-testid=case-drawer]')
      await expectText(drawer.locator('[data-testid=case-no]'), detail.case_no, 'case number')
      await expectText(drawer.locator('[data-testid=case-detail-state]'), detail.state_name, 'state')
      await drawer.locator('[data-testid=case-map] .leaflet-container').waitFor()
      await drawer.locator(`[data-testid=timeline-item]:nth-child(${detail.history.length})`).waitFor()
      const items = await drawer.locator('[data-testid=timeline-item]').count()
      if (items !== detail.history.length) throw new Error(`${items} timeline items, the API has ${detail.history.length}`)
      const buttons = await drawer.locator('[data-testid=case-actions] button').allTextContents()
      const allowed = detail.allowed_actions.map((a) => a.name)
      if (buttons.map((b) => b.trim()).join(',') !== allowed.join(',')) throw new Error(`buttons ${buttons} ≠ allowed ${allowed}`)
    })
    await page.waitForTimeout(500)
    await shot(page, '18-case-detail')
    await page.keyboard.press('Escape')
    await page.locator('[data-testid=case-drawer]').waitFor({ state: 'hidden' })
  }, signedIn)

  await section('register a work order', page, async () => {
    const title = '热线登记测试 ' + Date.now().toString(36)
    const grid = (await apiGet('/api/v1/grids?region=371423001&page_size=1')).items[0]
    await page.locator('[data-testid=case-create]').click()
    const dialog = page.locator('[data-testid=case-create-dialog]')
    await check('登记工单 offers the work-order categories of the API', async () => {
      const categories = (await apiGet('/api/v1/case-categories')).items.filter((c) => c.type === 'work_order')
      await dialog.locator('[data-testid=create-category]').click()
      await page.locator('.el-select-dropdown__item:visible').first().waitFor()
      await page.waitForTimeout(300) // the dropdown's opening transition
      const options = await page.locator('.el-select-dropdown__item:visible').allTextContents()
      const missing = categories.filter((c) => !options.some((o) => o.includes(c.name)))
      if (options.length !== categories.length || missing.length) throw new Error('options: ' + options.join(', '))
      await page.locator('.el-select-dropdown__item:visible').first().click()
    })
    await dialog.locator('[data-testid=create-title]').fill(title)
    await dialog.locator('[data-testid=create-description]').fill('市民来电反映小区供水压力不足，请尽快处理。')
    await dialog.locator('[data-testid=create-reporter-name]').fill('王先生')
    await dialog.locator('[data-testid=create-reporter-phone]').fill('13905341234')
    await dialog.locator('[data-testid=create-grid-code]').fill(grid.code)
    await page.waitForTimeout(400)
    await shot(page, '19-case-register')
    await check('the registered work order opens and exists once on the server', async () => {
      await dialog.locator('[data-testid=create-submit]').click()
      await dialog.waitFor({ state: 'hidden' })
      await page.locator('[data-testid=case-drawer] [data-testid=case-detail-title]').filter({ hasText: title }).waitFor()
      const found = await apiGet('/api/v1/cases?page_size=5&q=' + encodeURIComponent(title))
      if (found.total !== 1) throw new Error(`the API finds ${found.total} cases titled "${title}"`)
      await expectText(page.locator('[data-testid=case-drawer] [data-testid=case-no]'), found.items[0].case_no, 'opened case')
      if (found.items[0].reporter_phone === '13905341234') throw new Error('reporter phone not masked')
    })
    await page.keyboard.press('Escape')
    await page.locator('[data-testid=case-drawer]').waitFor({ state: 'hidden' })
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

  // ---- issue 9's flow: a grid worker reports offline; the town centre and the unit take it to a rated close ----
  const flowTitle = '违章建筑 离线上报 ' + Date.now().toString(36)
  let flowCase = null
  const reported = await section('mobile offline report', mobile, async () => {
    const grid = (await mobile.locator('[data-testid=m-grid-code]').textContent()).trim()
    await check('上报事件 offers the event categories (then kept for offline use)', async () => {
      await mobile.locator('[data-testid=m-nav-report]').click()
      const events = (await apiGet('/api/v1/case-categories')).items.filter((c) => c.type === 'event')
      await mobile.locator(`#m-category option[value="${events[0].code}"]`).waitFor({ state: 'attached' })
      const options = await mobile.locator('#m-category option:not([disabled])').count()
      if (options !== events.length) throw new Error(`${options} options, the API has ${events.length} event categories`)
    })
    await context.setOffline(true)
    let requestId = ''
    try {
      await check('offline, the app reopens with the cached categories', async () => {
        await mobile.reload()
        await mobile.locator('[data-testid=m-report]').waitFor()
        await mobile.locator('[data-testid=m-categories-cached]').waitFor()
        await mobile.locator('[data-testid=m-offline]').waitFor()
      })
      await check('offline, a 违章建筑 report in the grid is queued (待发送)', async () => {
        const name = (await apiGet('/api/v1/case-categories')).items.find((c) => c.code === 'housing.illegal').name
        await mobile.locator('#m-category').selectOption({ label: name })
        await mobile.locator('#m-title').fill(flowTitle)
        await mobile.locator('#m-description').fill('网格巡查发现沿街商户私自加盖彩钢板房约 20 平方米。')
        const code = await mobile.locator('#m-grid-code-input').inputValue()
        if (code !== grid) throw new Error(`grid code field says ${code}, the worker's grid is ${grid}`)
        await mobile.locator('[data-testid=m-report-submit]').click()
        const item = mobile.locator('[data-testid=m-outbox-item]', { hasText: flowTitle })
        await item.and(mobile.locator('[data-status=pending]')).waitFor()
        await expectText(item.locator('[data-testid=m-outbox-status]'), '待发送', 'queue status')
        requestId = await item.getAttribute('data-request-id')
        if (!/^[0-9a-f-]{36}$/.test(requestId)) throw new Error('client_request_id ' + requestId)
        await mobile.locator('[data-testid=m-pending-badge]').waitFor()
      })
      await check('nothing reached the server while offline', async () => {
        const n = await apiTotal('/api/v1/cases?page_size=1&q=' + encodeURIComponent(flowTitle))
        if (n !== 0) throw new Error(n + ' cases on the server')
      })
      await check('the queue survives a reload (IndexedDB)', async () => {
        await mobile.reload()
        await mobile.locator(`[data-testid=m-outbox-item][data-request-id="${requestId}"][data-status=pending]`).waitFor()
      })
      await shot(mobile, '20-mobile-report-queued')
    } finally {
      await context.setOffline(false)
    }
    const item = mobile.locator(`[data-testid=m-outbox-item][data-request-id="${requestId}"]`)
    await check('back online, the report is sent by itself and shows its case number', async () => {
      await item.and(mobile.locator('[data-status=sent]')).waitFor()
      const found = await apiGet('/api/v1/cases?page_size=5&q=' + encodeURIComponent(flowTitle))
      if (found.total !== 1) throw new Error(`the API has ${found.total} cases for the report`)
      flowCase = found.items[0]
      await expectText(item.locator('[data-testid=m-outbox-case] b'), flowCase.case_no, 'case number')
      if (flowCase.category_code !== 'housing.illegal' || flowCase.grid_code !== grid) {
        throw new Error(`case is ${flowCase.category_code} in ${flowCase.grid_code}`)
      }
    })
    await check('立即同步 and a repeated send of the same client_request_id create no second case', async () => {
      await mobile.locator('[data-testid=m-sync]').click()
      await mobile.locator('[data-testid=m-sync]', { hasText: '立即同步' }).waitFor()
      const again = await apiAs('grid', 'POST', '/api/v1/cases', {
        category_code: 'housing.illegal',
        title: flowTitle,
        grid_code: grid,
        client_request_id: requestId,
      })
      if (again.status !== 200 || again.data.created !== false || again.data.id !== flowCase.id) {
        throw new Error(`repeat answered ${again.status}, created=${again.data.created}, id ${again.data.id} (case ${flowCase.id})`)
      }
      const n = await apiTotal('/api/v1/cases?page_size=1&q=' + encodeURIComponent(flowTitle))
      if (n !== 1) throw new Error(n + ' cases on the server')
    })
    await shot(mobile, '21-mobile-report-sent')
    await check('我的任务 lists the report under 我上报的', async () => {
      await mobile.locator('[data-testid=m-nav-tasks]').click()
      const mine = (await apiAs('grid', 'GET', '/api/v1/cases?mine=1&page_size=1')).data.total
      await expectText(mobile.locator('[data-testid=m-tab-mine]'), `我上报的（${mine}）`, 'tab')
      await mobile.locator('[data-testid=m-tab-mine]').click()
      await mobile.locator(`[data-testid=m-list-mine] [data-case-no="${flowCase.case_no}"]`).click()
      await mobile.locator('[data-testid=m-task-detail] .timeline li').first().waitFor()
    })
    await shot(mobile, '22-mobile-tasks')
  })

  async function consoleLogin(login) {
    await page.goto(base + '/login')
    await page.locator('input#login-account').fill(login)
    await page.locator('input#login-password').fill(PASSWORD)
    await page.locator('[data-testid=login-submit]').click()
    await page.waitForURL(/\/dashboard$/)
  }
  /** Opens the case titled `title` from the to-do tab `tab` of 事件工单. */
  async function openCase(tab, title, id) {
    await page.locator('[data-testid=menu-cases]').click()
    await page.waitForURL(/\/cases$/)
    await page.locator(`[data-testid=case-tab-${tab}]`).click()
    await page.locator('input#case-search').fill(title)
    await page.locator('input#case-search').press('Enter')
    await page.locator(`[data-testid=case-link-${id}]`).click()
    await page.locator('[data-testid=case-drawer] [data-testid=case-actions] button').first().waitFor()
  }
  const drawer = page.locator('[data-testid=case-drawer]')
  /** Runs action `op` from the drawer with the form filled by `fill`; checks the new state against the API's. */
  async function act(op, state, fill) {
    await drawer.locator(`[data-testid=case-actions] [data-testid=action-${op}]`).click()
    const dialog = page.locator('[data-testid=action-dialog]')
    await dialog.waitFor()
    if (fill) await fill(dialog)
    await dialog.locator('[data-testid=action-submit]').click()
    await dialog.waitFor({ state: 'hidden' })
    const now = (await apiGet('/api/v1/cases/' + flowCase.id))
    if (now.state !== state) throw new Error(`after ${op} the case is ${now.state}, expected ${state}`)
    await expectText(drawer.locator('[data-testid=case-detail-state]'), now.state_name, 'state after ' + op)
    return now
  }
  const comment = (text) => (dialog) => dialog.locator('[data-testid=action-comment]').fill(text)

  const flowed = await section('case flow: town accepts and dispatches, the unit handles, the town verifies, closes and rates', page, async () => {
    await consoleLogin('town')
    await check('town opens the report from 待受理', () => openCase('to_accept', flowTitle, flowCase.id))
    await shot(page, '23-case-to-accept')
    await check('town accepts it', () => act('accept', 'accepted', comment('属实，予以受理')))
    await check('分拨 proposes the routed unit 综合行政执法局 and dispatches to it', async () => {
      const routed = (await apiGet('/api/v1/cases/' + flowCase.id)).unit_code
      const unit = (await apiGet('/api/v1/units?page_size=500')).items.find((u) => u.code === routed)
      if (!unit || !unit.name.includes('综合行政执法')) throw new Error('routed unit ' + routed)
      await act('dispatch', 'dispatched', async (dialog) => {
        await dialog.locator('[data-testid=action-unit]').filter({ hasText: unit.name }).waitFor()
        await page.waitForTimeout(300)
        await shot(page, '24-case-dispatch')
      })
      const after = await apiGet('/api/v1/cases/' + flowCase.id)
      if (after.unit_code !== routed) throw new Error('dispatched to ' + after.unit_code)
    })
    await consoleLogin('unit')
    await check('the unit opens it from 待签收 and signs for it', async () => {
      await openCase('to_sign', flowTitle, flowCase.id)
      await act('sign', 'handling')
    })
    await check('the unit records handling (comment required)', async () => {
      await drawer.locator('[data-testid=action-handle]').click()
      const dialog = page.locator('[data-testid=action-dialog]')
      await dialog.locator('[data-testid=action-submit]').click()
      await dialog.locator('[data-testid=action-error]').filter({ hasText: '处置情况' }).waitFor()
      await dialog.locator('button', { hasText: '取消' }).click()
      await dialog.waitFor({ state: 'hidden' })
      await act('handle', 'handling', comment('已现场核实，责令当事人三日内自行拆除'))
    })
    await check('the unit reports it finished', () => act('finish', 'finished', comment('违建彩钢板房已拆除，现场已清理')))
    await shot(page, '25-case-finished')
    await consoleLogin('town')
    await check('town opens it from 待核查 and verifies it (通过)', async () => {
      await openCase('to_verify', flowTitle, flowCase.id)
      await act('verify', 'verified', async (dialog) => {
        await dialog.locator('[data-testid=action-pass] label', { hasText: '通过' }).first().click()
        await comment('现场复核，已拆除到位')(dialog)
      })
    })
    await check('town closes it', () => act('close', 'closed'))
    await check('town records the rating 满意', async () => {
      const done = await act('rate', 'rated', async (dialog) => {
        await dialog.locator('[data-testid=action-satisfaction] label', { hasText: /^满意$/ }).click()
        await comment('电话回访，群众表示满意')(dialog)
      })
      if (done.satisfaction !== 'satisfied') throw new Error('satisfaction ' + done.satisfaction)
      await expectText(drawer.locator('[data-testid=case-satisfaction]'), done.satisfaction_name, 'satisfaction')
    })
    await check('the timeline shows every step with its comment', async () => {
      const history = (await apiGet('/api/v1/cases/' + flowCase.id)).history
      const wanted = ['accept', 'dispatch', 'sign', 'handle', 'finish', 'verify', 'close', 'rate']
      const missing = wanted.filter((op) => !history.some((h) => h.op === op))
      if (missing.length) throw new Error('the API history lacks ' + missing.join(', '))
      await drawer.locator(`[data-testid=timeline-item]:nth-child(${history.length})`).waitFor()
      const shown = await drawer.locator('[data-testid=timeline-item]').evaluateAll((items) =>
        items.map((i) => ({ op: i.dataset.op, text: i.textContent })),
      )
      if (shown.length !== history.length) throw new Error(`${shown.length} items, the API has ${history.length}`)
      for (const h of history) {
        const item = shown.find((s) => s.op === h.op && s.text.includes(h.op_name) && (!h.comment || s.text.includes(h.comment)))
        if (!item) throw new Error(`no timeline item for ${h.op_name} (${h.comment})`)
      }
    })
    await drawer.locator('[data-testid=case-timeline]').scrollIntoViewIfNeeded()
    await page.waitForTimeout(400)
    await shot(page, '26-case-rated-timeline')
    await page.keyboard.press('Escape')
  }, reported)

  await section('stale version', page, async () => {
    const title = '版本冲突测试 ' + Date.now().toString(36)
    const grid = (await apiAs('grid', 'GET', '/api/v1/auth/me')).data.user.scope_code
    const created = (await apiAs('grid', 'POST', '/api/v1/cases', { category_code: 'env.garbage', title, grid_code: grid })).data
    await check('a case changed by someone else after it was opened says 已被他人更新 and reloads', async () => {
      await consoleLogin('town')
      await openCase('to_accept', title, created.id)
      // Another session changes it first (督办 keeps it 待受理, so 受理 stays allowed: only the version is stale).
      await apiAs('town', 'POST', `/api/v1/cases/${created.id}/actions/supervise`, { version: created.version, supervision: 'ordinary', comment: '请尽快受理' })
      await drawer.locator('[data-testid=action-accept]').click()
      const dialog = page.locator('[data-testid=action-dialog]')
      await dialog.locator('[data-testid=action-submit]').click()
      await drawer.locator('[data-testid=case-conflict]').filter({ hasText: '已被他人更新' }).waitFor()
      const now = await apiGet('/api/v1/cases/' + created.id)
      await expectText(drawer.locator('[data-testid=case-detail-state]'), now.state_name, 'reloaded state')
      await drawer.locator(`[data-testid=case-detail][data-version="${now.version}"]`).waitFor()
    })
    await page.waitForTimeout(400)
    await shot(page, '27-case-conflict')
    await page.keyboard.press('Escape')
  }, signedIn)

  await section('dashboard after the flow', page, async () => {
    await consoleLogin('county')
    await check('county 办结 KPI went up by one and matches the API', async () => {
      const rated = await apiTotal('/api/v1/cases?state=rated&page_size=1')
      await expectText(caseKpi('rated'), rated.toLocaleString('zh-CN'), 'KPI 办结')
      const shown = await kpiNumber('rated')
      if (ratedBefore < 0) throw new Error('the figure before the flow was not read')
      if (shown !== ratedBefore + 1) throw new Error(`办结 was ${ratedBefore}, now ${shown}`)
    })
    await page.locator('[data-testid=case-kpis]').screenshot({ path: join(shots, '28-dashboard-case-kpis-after.png') })
  }, flowed)

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
