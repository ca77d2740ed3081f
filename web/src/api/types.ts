// Shapes of the gridgov JSON API (/api/v1) that the front ends read. Field names are the server's (snake_case).

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export type RegionLevel = 'province' | 'city' | 'county' | 'town' | 'village'

export interface Region {
  code: string
  statistical_code: string
  name: string
  level: RegionLevel
  level_name: string
  parent_code: string | null
  region_code: string
}

export interface RegionCounts {
  towns: number
  villages: number
  grids: number
  special_grids: number
  staff: number
  households: number
  population: number
}

export interface RegionDetail extends Region {
  chain: Region[]
  children: number
  counts: RegionCounts
}

export type GridType = 'comprehensive' | 'school' | 'hospital' | 'industrial_park' | 'market' | 'other_special'

export interface Grid {
  code: string
  grid_code: string
  name: string
  type: GridType
  type_name: string
  special: boolean
  village_code: string
  town_code: string
  region_code: string
  households: number
  population: number
}

export interface Staff {
  id: number
  grid_code: string
  name: string
  role: string
  role_name: string
  phone: string
}

export interface GridDetail extends Grid {
  chain: Region[]
  staff: Staff[]
}

export interface Unit {
  id: number
  code: string
  name: string
  kind: string
  kind_name: string
  region_code: string
  level: RegionLevel
  phone: string
}

export interface DueDate {
  from: string
  working_days: number
  due: string
  calendar_covered: boolean
}

export interface User {
  login: string
  name: string
  role: string
  role_name: string
  scope_code: string
  scope_name: string
  grid_code?: string
  /** The handling unit the user works for, when the server says (e.g. "371423-ZFJ"). */
  unit_code?: string
  /** What the role may do (from /auth/me), e.g. "view_sensitive", "manage_grids". */
  actions?: string[]
}

export interface LoginResult {
  token: string
  /** Unix seconds (the server's form) or an ISO 8601 time. */
  expires_at: number | string
  user: User
}

export const GRID_TYPES: { value: GridType; label: string }[] = [
  { value: 'comprehensive', label: '综合网格' },
  { value: 'school', label: '学校专属网格' },
  { value: 'hospital', label: '医院专属网格' },
  { value: 'industrial_park', label: '园区专属网格' },
  { value: 'market', label: '市场专属网格' },
  { value: 'other_special', label: '其他专属网格' },
]

export const UNIT_KINDS: { value: string; label: string }[] = [
  { value: 'county_center', label: '县级综治中心' },
  { value: 'mediation_center', label: '矛盾纠纷调处化解中心' },
  { value: 'town_center', label: '乡镇(街道)综治中心' },
  { value: 'village_station', label: '村(社区)综治服务站' },
  { value: 'department', label: '职能部门' },
  { value: 'police', label: '公安' },
  { value: 'justice', label: '司法行政' },
  { value: 'petition', label: '信访' },
  { value: 'mediation_committee', label: '人民调解委员会' },
]

export const LEVEL_NAMES: Record<RegionLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  town: '乡镇(街道)级',
  village: '村(社区)级',
}

// ---- the grid map (GeoJSON, WGS-84) ----

export interface GeoGeometry {
  type: 'Polygon' | 'MultiPolygon' | string
  coordinates: unknown
}

export interface GeoFeature<P = { code: string; name: string }> {
  type: 'Feature'
  properties: P
  geometry: GeoGeometry | null
}

export interface GeoFeatureCollection<P = { code: string; name: string }> {
  type: 'FeatureCollection'
  features: GeoFeature<P>[]
}

export interface GridCheckNorms {
  max_households: number
  max_population: number
  min_area_m2?: number
}

export interface GridCheckArea {
  geometry: GeoGeometry | null
  area_m2: number
  description: string
  village_code?: string
  scope?: string
  code?: string
  code_a?: string
  code_b?: string
}

export interface GridCheckOversize {
  code: string
  households: number
  population: number
  max_households: number
  max_population: number
  description?: string
  message?: string
}

export interface GridCheckResult {
  region_code: string
  region_name: string
  ok: boolean
  villages_checked: number
  grids_checked: number
  norms: GridCheckNorms
  summary: { gaps: number; overlaps: number; outside: number; oversize: number; missing_boundaries: number }
  gaps: GridCheckArea[]
  overlaps: GridCheckArea[]
  outside: GridCheckArea[]
  oversize: GridCheckOversize[]
  missing_boundaries: { code: string; name: string }[]
}

export interface LocateResult {
  grid_code: string
  name: string
  village_code: string
  town_code: string
  region_code: string
  datum: string
  wgs84: { lng: number; lat: number }
}

export interface ImportRefusal {
  feature: number
  code: string
  message: string
}

export const DATUMS: { value: 'wgs84' | 'gcj02' | 'bd09'; label: string }[] = [
  { value: 'wgs84', label: 'WGS-84（GPS）' },
  { value: 'gcj02', label: 'GCJ-02（高德、腾讯）' },
  { value: 'bd09', label: 'BD-09（百度）' },
]

// ---- cases: events 事件 and 12345 work orders 工单 ----

export type CaseType = 'event' | 'work_order'
export type CaseState =
  | 'registered'
  | 'accepted'
  | 'dispatched'
  | 'handling'
  | 'finished'
  | 'verified'
  | 'closed'
  | 'rated'
  | 'suspended'
  | 'merged'
export type CaseChannel = 'grid_patrol' | 'hotline' | 'online' | 'petition_referral' | 'video' | 'superior'
export type CaseOp =
  | 'accept'
  | 'dispatch'
  | 'sign'
  | 'return'
  | 'handle'
  | 'finish'
  | 'verify'
  | 'close'
  | 'rate'
  | 'reopen'
  | 'escalate'
  | 'supervise'
  | 'extend'
  | 'approve_extension'
  | 'instruct'
  | 'merge'
  | 'suspend'
  | 'resume'
export type Satisfaction = 'very_satisfied' | 'satisfied' | 'basically_satisfied' | 'unsatisfied' | 'very_unsatisfied'
export type Supervision = 'none' | 'ordinary' | 'yellow' | 'red'

export interface CaseLimits {
  sign: number
  handle: number
  verify: number
  level: number
  warn_before?: number
  max_extension?: number
}

export interface CaseCategory {
  code: string
  name: string
  type: CaseType
  parent_code?: string
  limits: CaseLimits
}

export interface Case {
  id: number
  case_no: string
  type: CaseType
  type_name: string
  channel: CaseChannel
  channel_name: string
  category_code: string
  title: string
  description: string
  state: CaseState
  state_name: string
  level: 'village' | 'town' | 'county'
  level_name: string
  grid_code: string
  region_code: string
  town_code: string
  lng: number | null
  lat: number | null
  address: string
  reporter_name: string
  reporter_phone: string
  unit_code: string
  created_at: number
  updated_at: number
  version: number
  sign_due: string
  handle_due: string
  verify_due: string
  level_due: string
  warning: '' | 'yellow' | 'red'
  supervision: Supervision
  supervision_name: string
  extension_days: number
  extension_requested: number
  redo_count: number
  satisfaction: Satisfaction | null
  satisfaction_name: string | null
  merged_into?: number
  finished_at?: number
  closed_at?: number
  overdue: boolean
}

export interface CaseEvent {
  id?: number
  at: number
  actor: string
  actor_role: string
  op: string
  op_name: string
  from_state: string
  to_state: string
  to_state_name: string
  comment: string
  data: Record<string, unknown> | null
  attachments: string[]
}

export interface CaseDetail extends Case {
  history: CaseEvent[]
  allowed_actions: { op: CaseOp; name: string }[]
}

export interface NewCaseResult extends Case {
  duplicates: Case[]
  created: boolean
}

export interface CaseTodo {
  to_accept: number
  to_sign: number
  to_handle: number
  to_verify: number
  due_soon: number
  overdue: number
}

export const CASE_STATES: { value: CaseState; label: string }[] = [
  { value: 'registered', label: '待受理' },
  { value: 'accepted', label: '已受理' },
  { value: 'dispatched', label: '待签收' },
  { value: 'handling', label: '处置中' },
  { value: 'finished', label: '待核查' },
  { value: 'verified', label: '待结案' },
  { value: 'closed', label: '待评价' },
  { value: 'rated', label: '已办结' },
  { value: 'suspended', label: '已挂起' },
  { value: 'merged', label: '已合并' },
]

/** States whose clock still runs or that still need someone (not 已办结 / 已合并). */
export const OPEN_CASE_STATES: CaseState[] = ['registered', 'accepted', 'dispatched', 'handling', 'finished', 'verified', 'closed', 'suspended']

export const CASE_TYPES: { value: CaseType; label: string }[] = [
  { value: 'event', label: '事件' },
  { value: 'work_order', label: '12345工单' },
]

export const CASE_CHANNELS: { value: CaseChannel; label: string }[] = [
  { value: 'grid_patrol', label: '网格巡查' },
  { value: 'hotline', label: '12345热线' },
  { value: 'online', label: '网上自报' },
  { value: 'petition_referral', label: '信访转办' },
  { value: 'video', label: '视频发现' },
  { value: 'superior', label: '上级交办' },
]

export const SATISFACTIONS: { value: Satisfaction; label: string }[] = [
  { value: 'very_satisfied', label: '非常满意' },
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
  { value: 'very_unsatisfied', label: '非常不满意' },
]

export const SUPERVISIONS: { value: Exclude<Supervision, 'none'>; label: string }[] = [
  { value: 'ordinary', label: '一般督办' },
  { value: 'yellow', label: '黄牌督办' },
  { value: 'red', label: '红牌督办' },
]
