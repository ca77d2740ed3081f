// Deployment settings of the web front end. Defaults keep every page off the internet: the map has a plain
// background and no tiles. A deployment with its own tile server sets `map.tileUrl` (a Leaflet URL template,
// e.g. "/tiles/{z}/{x}/{y}.png") here, or per browser in localStorage key "gridgov.settings" as JSON
// ({"map":{"tileUrl":"…"}}).

export interface MapSettings {
  /** Leaflet tile URL template; empty for no tiles (plain background). */
  tileUrl: string
  tileAttribution: string
  maxZoom: number
  /** Initial view [lat, lng] and zoom when there are no grid polygons to fit. */
  center: [number, number]
  zoom: number
}

export interface Settings {
  map: MapSettings
}

const defaults: Settings = {
  map: {
    tileUrl: '',
    tileAttribution: '',
    maxZoom: 18,
    center: [37.776, 117.385],
    zoom: 11,
  },
}

function load(): Settings {
  try {
    const local = JSON.parse(localStorage.getItem('gridgov.settings') ?? '{}') as Partial<Settings>
    return { ...defaults, ...local, map: { ...defaults.map, ...(local.map ?? {}) } }
  } catch {
    return defaults
  }
}

export const settings: Settings = load()
