// Leaflet helpers shared by the console maps and the mobile grid map: the lazily loaded library, a map on the
// plain background (tiles only when settings.map.tileUrl is configured), the sequential palette of the
// choropleth and the hatch pattern of special grids. Everything is drawn with the canvas renderer.
import type * as Leaflet from 'leaflet'
import { settings } from '@/settings'

export type L = typeof Leaflet

let loading: Promise<L> | null = null

/** Leaflet and its stylesheet, imported on first use (its own chunk). */
export function loadLeaflet(): Promise<L> {
  loading ??= Promise.all([import('leaflet'), import('leaflet/dist/leaflet.css')]).then(([module]) => module.default)
  return loading
}

/** A canvas-rendered map on `el`, with the configured tiles (if any) and a metric scale. */
export function createMap(L: L, el: HTMLElement, options: { zoomControl?: boolean; scale?: boolean } = {}): Leaflet.Map {
  const map = L.map(el, {
    preferCanvas: true,
    zoomControl: options.zoomControl ?? true,
    attributionControl: settings.map.tileUrl !== '',
    zoomSnap: 0.25,
    maxZoom: settings.map.maxZoom,
  })
  map.setView(settings.map.center, settings.map.zoom)
  if (settings.map.tileUrl) {
    L.tileLayer(settings.map.tileUrl, { maxZoom: settings.map.maxZoom, attribution: settings.map.tileAttribution }).addTo(map)
  }
  if (options.scale ?? true) L.control.scale({ imperial: false }).addTo(map)
  return map
}

/** Sequential blues, light to dark (ColorBrewer "Blues", 6 classes). */
export const SEQUENTIAL = ['#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c']

export interface ColorClass {
  from: number
  to: number
  color: string
}

/**
 * Class breaks for `values` by quantiles, rounded to readable numbers, one colour of SEQUENTIAL each.
 * Fewer classes when the values are few or alike.
 */
export function quantileClasses(values: number[], palette: string[] = SEQUENTIAL): ColorClass[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return []
  const n = palette.length
  const round = (v: number) => {
    if (v < 10) return Math.round(v)
    const step = Math.pow(10, Math.floor(Math.log10(v)) - 1)
    return Math.round(v / step) * step
  }
  const breaks: number[] = []
  for (let i = 1; i < n; i++) {
    const b = round(sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / n))])
    if (b > sorted[0] && (breaks.length === 0 || b > breaks[breaks.length - 1])) breaks.push(b)
  }
  const bounds = [sorted[0], ...breaks, sorted[sorted.length - 1] + 1]
  const classes: ColorClass[] = []
  const offset = n - (bounds.length - 1) // fewer classes: use the darker end of the palette
  for (let i = 0; i + 1 < bounds.length; i++) {
    classes.push({ from: bounds[i], to: bounds[i + 1], color: palette[Math.max(0, offset + i)] })
  }
  return classes
}

export function classColor(classes: ColorClass[], value: number): string {
  for (const c of classes) if (value < c.to) return c.color
  return classes.length ? classes[classes.length - 1].color : '#cccccc'
}

/** A canvas pattern: `base` with diagonal `stripe` lines (the fill of special grids on a canvas map). */
export function hatchPattern(base: string, stripe = '#c2410c'): CanvasPattern | string {
  const size = 8
  const canvas = document.createElement('canvas')
  canvas.width = size
  canvas.height = size
  const ctx = canvas.getContext('2d')
  if (!ctx) return stripe
  ctx.fillStyle = base
  ctx.fillRect(0, 0, size, size)
  ctx.strokeStyle = stripe
  ctx.lineWidth = 2
  ctx.beginPath()
  ctx.moveTo(0, size)
  ctx.lineTo(size, 0)
  ctx.moveTo(-size / 2, size / 2)
  ctx.lineTo(size / 2, -size / 2)
  ctx.moveTo(size / 2, size * 1.5)
  ctx.lineTo(size * 1.5, size / 2)
  ctx.stroke()
  return ctx.createPattern(canvas, 'repeat') ?? stripe
}

/** The CSS look of the same hatch, for legends. */
export function hatchCss(base: string, stripe = '#c2410c'): string {
  return `repeating-linear-gradient(135deg, ${stripe} 0 2px, ${base} 2px 6px)`
}

/**
 * Removes a map, also mid zoom animation: Leaflet finishes a zoom animation from a 250 ms timer, which would
 * otherwise run on the removed map (its panes gone) and throw "reading '_leaflet_pos'" — e.g. when a page with
 * a map that is still fitting its bounds is left at once.
 */
export function removeMap(map: Leaflet.Map): void {
  const state = map as unknown as { _animatingZoom?: boolean }
  state._animatingZoom = false
  map.stop()
  map.remove()
}
