// Data the case pages share, loaded once per session: the categories (with their time limits) and the units
// (names for unit codes, choices for 分拨).
import { reactive } from 'vue'
import type { CaseCategory, Page, Unit } from '@/api/types'
import { session } from './session'

export const caseRefs = reactive({
  categories: [] as CaseCategory[],
  units: [] as Unit[],
  unitNames: {} as Record<string, string>,
  categoryNames: {} as Record<string, string>,
})

let categoriesLoading: Promise<void> | null = null
let unitsLoading: Promise<void> | null = null

export function loadCategories(): Promise<void> {
  categoriesLoading ??= session
    .get<Page<CaseCategory>>('/case-categories')
    .then((r) => {
      caseRefs.categories = r.items
      for (const c of r.items) caseRefs.categoryNames[c.code] = c.name
    })
    .catch((e: unknown) => {
      categoriesLoading = null
      throw e
    })
  return categoriesLoading
}

/** Every unit the server lists for the user (the county's by default), all pages. */
export function loadUnits(): Promise<void> {
  unitsLoading ??= (async () => {
    const pageSize = 500
    const first = await session.get<Page<Unit>>('/units', { page: 1, page_size: pageSize })
    const pages = Math.ceil(first.total / pageSize)
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, pages - 1) }, (_, i) => session.get<Page<Unit>>('/units', { page: i + 2, page_size: pageSize })),
    )
    const all = [first, ...rest].flatMap((p) => p.items)
    caseRefs.units = all
    for (const u of all) caseRefs.unitNames[u.code] = u.name
  })().catch((e: unknown) => {
    unitsLoading = null
    throw e
  })
  return unitsLoading
}

export function unitName(code: string): string {
  return code ? (caseRefs.unitNames[code] ?? code) : '—'
}

export function categoryName(code: string): string {
  return caseRefs.categoryNames[code] ?? code
}
