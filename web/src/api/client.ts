// The HTTP client of both front ends: JSON over fetch to /api/v1, the bearer token of a session, and errors
// turned into ApiError with the server's Chinese message. One Session per front end (console, mobile), each
// kept in its own localStorage key so that signing in on /m/ does not sign the console out.
import { reactive } from 'vue'
import type { LoginResult, User } from './types'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's error.details (e.g. the refused features of an import), when it sent any. */
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type Query = Record<string, string | number | boolean | undefined | null>

interface SessionState {
  token: string
  /** Expiry in milliseconds since the epoch; 0 when the server did not say. */
  expiresAt: number
  user: User | null
}

/** The server's expires_at (Unix seconds, or an ISO 8601 string) in milliseconds; 0 when absent or unreadable. */
function expiryMillis(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e12 ? value * 1000 : value
  if (typeof value === 'string') {
    const parsed = /^\d+$/.test(value) ? expiryMillis(Number(value)) : Date.parse(value)
    return Number.isFinite(parsed) ? parsed : 0
  }
  return 0
}

export class Session {
  readonly state: SessionState
  /** Called once when the server answers 401 to a signed-in call: the token expired or was revoked. */
  onUnauthorized: (() => void) | null = null

  constructor(private readonly storageKey: string) {
    this.state = reactive<SessionState>({ token: '', expiresAt: 0, user: null })
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as SessionState | null
      if (saved?.token) Object.assign(this.state, saved)
    } catch {
      localStorage.removeItem(storageKey)
    }
    if (typeof this.state.expiresAt !== 'number' || (this.state.expiresAt > 0 && this.state.expiresAt < Date.now())) {
      this.clear()
    }
  }

  get signedIn(): boolean {
    if (this.state.token !== '' && this.state.expiresAt > 0 && this.state.expiresAt < Date.now()) this.clear()
    return this.state.token !== ''
  }

  private save(): void {
    localStorage.setItem(this.storageKey, JSON.stringify(this.state))
  }

  clear(): void {
    this.state.token = ''
    this.state.expiresAt = 0
    this.state.user = null
    localStorage.removeItem(this.storageKey)
  }

  /**
   * One call to the API. `body` is sent as JSON; `rawBody` (with its `contentType`) as it is, e.g. a GeoJSON file.
   * With `blob` the answer is returned as a Blob (a download) instead of parsed JSON.
   */
  async request<T>(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown; rawBody?: string | Blob; contentType?: string; blob?: boolean } = {},
  ): Promise<T> {
    const url = new URL('/api/v1' + path, window.location.origin)
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value))
    }
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (options.body !== undefined) headers['Content-Type'] = 'application/json'
    if (options.rawBody !== undefined) headers['Content-Type'] = options.contentType ?? 'application/octet-stream'
    const authenticated = this.state.token !== '' && !path.startsWith('/auth/login')
    if (authenticated) headers.Authorization = 'Bearer ' + this.state.token

    let response: Response
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.rawBody !== undefined ? options.rawBody : options.body === undefined ? undefined : JSON.stringify(options.body),
      })
    } catch {
      throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试')
    }
    if (options.blob && response.ok) return (await response.blob()) as T
    const text = await response.text()
    let data: unknown = null
    if (text) {
      try {
        data = JSON.parse(text)
      } catch {
        data = null
      }
    }
    if (!response.ok) {
      const error = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)
        ?.error
      const message = error?.message ?? defaultMessage(response.status)
      if (response.status === 401 && authenticated) {
        this.clear()
        this.onUnauthorized?.()
      }
      throw new ApiError(response.status, error?.code ?? 'http_' + response.status, message, error?.details ?? null)
    }
    return data as T
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, { query })
  }

  /** A file the API sends (an export), as a Blob. */
  download(path: string, query?: Query): Promise<Blob> {
    return this.request<Blob>('GET', path, { query, blob: true })
  }

  async login(login: string, password: string): Promise<User> {
    const result = await this.request<LoginResult>('POST', '/auth/login', { body: { login, password } })
    if (!result?.token || !result.user) throw new ApiError(500, 'bad_response', '登录响应格式不正确')
    this.state.token = result.token
    this.state.expiresAt = expiryMillis(result.expires_at)
    this.state.user = result.user
    this.save()
    // The login answer carries no allowed actions; /auth/me does (pages show or hide controls by them).
    await this.refreshUser()
    return this.state.user ?? result.user
  }

  /** True when the signed-in user's role allows `action` (as /auth/me lists them, e.g. "manage_grids"). */
  can(action: string): boolean {
    return this.state.user?.actions?.includes(action) ?? false
  }

  /** Re-reads the signed-in user from the server; keeps the stored one if the server cannot be reached. */
  async refreshUser(): Promise<void> {
    if (!this.signedIn) return
    try {
      const result = await this.get<{ user: User }>('/auth/me')
      if (result?.user) {
        this.state.user = result.user
        this.save()
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return
    }
  }

  async logout(): Promise<void> {
    if (this.signedIn) {
      try {
        await this.request('POST', '/auth/logout')
      } catch {
        // Signing out locally is enough when the server cannot be told.
      }
    }
    this.clear()
  }
}

function defaultMessage(status: number): string {
  if (status === 401) return '登录已过期，请重新登录'
  if (status === 403) return '没有权限执行此操作'
  if (status === 404) return '请求的资源不存在'
  if (status === 429) return '尝试次数过多，请稍后再试'
  if (status >= 500) return '服务器内部错误，请稍后重试'
  return '请求失败（HTTP ' + status + '）'
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof Error) return error.message
  return String(error)
}

/** The user's scope code: a region code (2–12 digits) or, for grid-level roles, a 15-digit grid code. */
export function scopeRegionCode(user: User | null): string {
  return user?.scope_code ?? ''
}

/** True when the user's scope is one grid (grid workers), not a region. */
export function isGridScope(user: User | null): boolean {
  return (user?.scope_code ?? '').length === 15
}
