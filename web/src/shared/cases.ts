// Case helpers shared by the console and the mobile app: times, state colours, deadlines, request ids.
import type { Case, CaseState } from '@/api/types'

/** Unix seconds as "2026-11-24 09:30" in local time; "—" for 0. */
export function formatTime(seconds: number | null | undefined): string {
  if (!seconds) return '—'
  const d = new Date(seconds * 1000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** Today's date as YYYY-MM-DD (local time). */
export function todayText(): string {
  const d = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** Colour of a state tag: waiting for the centre (warning), in the units' hands (primary), done (success). */
export function stateTagType(state: CaseState): TagType {
  switch (state) {
    case 'registered':
    case 'finished':
    case 'verified':
      return 'warning'
    case 'accepted':
    case 'dispatched':
    case 'handling':
      return 'primary'
    case 'closed':
    case 'rated':
      return 'success'
    default:
      return 'info'
  }
}

/** A deadline against today: "overdue" once passed, "due" on the day itself, "" otherwise (or without one). */
export function dueStatus(due: string, today = todayText()): '' | 'due' | 'overdue' {
  if (!due) return ''
  if (due < today) return 'overdue'
  if (due === today) return 'due'
  return ''
}

/** The deadlines of a case that still apply, with their labels. */
export function caseDeadlines(c: Case): { key: string; label: string; due: string }[] {
  return [
    { key: 'sign', label: '签收时限', due: c.sign_due },
    { key: 'handle', label: '办理时限', due: c.handle_due },
    { key: 'verify', label: '核查时限', due: c.verify_due },
    { key: 'level', label: '本级办理时限', due: c.level_due },
  ].filter((d) => d.due)
}

/** A fresh id for one report, kept with it so a retried send creates no second case. */
export function newRequestId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const ROLE_NAMES: Record<string, string> = {
  admin: '系统管理员',
  leader: '领导',
  county_center: '县级综治中心',
  town_center: '乡镇(街道)综治中心',
  village_officer: '村(社区)综治服务站',
  grid_worker: '网格员',
  grid_police: '网格警员',
  unit_handler: '职能部门经办人',
  mediator: '调解员',
  petition_officer: '信访干部',
  system: '系统',
}

/** The Chinese name of a role id in a history row ("system" for the deadline scan). */
export function roleName(role: string): string {
  return ROLE_NAMES[role] ?? role
}
