// The mobile app's session (its own storage key, apart from the console's) and the last data it showed,
// kept so that 我的网格 still opens without a network.
import { Session } from '@/api/client'
import type { GeoFeatureCollection, GridDetail } from '@/api/types'

export const session = new Session('gridgov.mobile.auth')

const LAST_GRID_KEY = 'gridgov.mobile.grid'

export interface SavedGrid {
  login: string
  saved_at: string
  grid: GridDetail
  /** The grid's boundary (GeoJSON); absent in copies saved before boundaries existed. */
  outline?: GeoFeatureCollection | null
}

export function saveLastGrid(login: string, grid: GridDetail, outline: GeoFeatureCollection | null): void {
  const saved: SavedGrid = { login, saved_at: new Date().toISOString(), grid, outline }
  localStorage.setItem(LAST_GRID_KEY, JSON.stringify(saved))
}

export function loadLastGrid(login: string): SavedGrid | null {
  try {
    const saved = JSON.parse(localStorage.getItem(LAST_GRID_KEY) ?? 'null') as SavedGrid | null
    return saved && saved.login === login ? saved : null
  } catch {
    return null
  }
}

export function clearLastGrid(): void {
  localStorage.removeItem(LAST_GRID_KEY)
}
