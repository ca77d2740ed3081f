// Grid data the console maps need: boundaries (GeoJSON) of a region at one level, and every grid of a region
// with its figures (the list API pages at most 500 at a time).
import type { GeoFeatureCollection, Grid, Page, RegionLevel } from '@/api/types'
import { session } from './session'

export type BoundaryLevel = 'town' | 'village' | 'grid'

/** Boundaries of the features at `level` inside region `code` (a 15-digit grid code is allowed with 'grid'). */
export function loadBoundaries(code: string, level: BoundaryLevel): Promise<GeoFeatureCollection> {
  return session.get<GeoFeatureCollection>('/regions/' + code + '/boundaries', { level })
}

/** The level whose outlines frame a region's grids: towns in a county, villages in a town or village. */
export function outlineLevel(level: RegionLevel | 'grid'): BoundaryLevel | null {
  if (level === 'province' || level === 'city' || level === 'county') return 'town'
  if (level === 'town' || level === 'village') return 'village'
  return null
}

/** Every grid of region `code`, all pages. */
export async function loadAllGrids(code: string): Promise<Grid[]> {
  const pageSize = 500
  const first = await session.get<Page<Grid>>('/grids', { region: code, page: 1, page_size: pageSize })
  const pages = Math.ceil(first.total / pageSize)
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
      session.get<Page<Grid>>('/grids', { region: code, page: i + 2, page_size: pageSize }),
    ),
  )
  return [first, ...rest].flatMap((p) => p.items)
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}
