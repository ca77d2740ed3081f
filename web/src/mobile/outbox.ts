// The offline-first queue of reports (上报事件) in IndexedDB. A report gets its client_request_id once, when it
// is queued; every send of it, however often repeated (lost answers, app restarts, two triggers at once),
// carries that same id, and the server answers a repeat with the case it already made: no duplicates.
// Sending happens on app start, on the browser's 'online' event, after queueing while online, and on 立即同步.
// A report the server refuses (4xx other than 401/408/429) is marked 失败 with the server's message and waits
// for the user (重试 / 删除); network errors and 5xx leave it 待发送 for the next attempt.
import { reactive } from 'vue'
import { ApiError, errorMessage, type Session } from '@/api/client'
import type { NewCaseResult } from '@/api/types'
import { newRequestId } from '@/shared/cases'

export interface ReportPayload {
  category_code: string
  title: string
  description?: string
  lng?: number
  lat?: number
  datum?: 'wgs84'
  grid_code?: string
  address?: string
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed'

export interface OutboxItem {
  /** The client_request_id, also the key of the item. */
  id: string
  login: string
  payload: ReportPayload
  status: OutboxStatus
  queued_at: number
  attempts: number
  last_attempt_at?: number
  /** Why the last attempt did not go through (network, server). */
  error?: string
  case_id?: number
  case_no?: string
  state_name?: string
  /** False when the server already had the case for this id (a retry after a lost answer). */
  created?: boolean
  sent_at?: number
}

const DB_NAME = 'gridgov-mobile'
const STORE = 'outbox'

let dbPromise: Promise<IDBDatabase> | null = null

function db(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1)
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'id' })
      store.createIndex('login', 'login')
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => {
      dbPromise = null
      reject(request.error ?? new Error('IndexedDB 不可用'))
    }
  })
  return dbPromise
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await db()
  return new Promise<T>((resolve, reject) => {
    const t = database.transaction(STORE, mode)
    const request = run(t.objectStore(STORE))
    let result: T
    request.onsuccess = () => (result = request.result)
    t.oncomplete = () => resolve(result)
    t.onerror = () => reject(t.error ?? request.error)
    t.onabort = () => reject(t.error ?? new Error('IndexedDB 事务中止'))
  })
}

/** The queue shown by the app (the signed-in worker's items, newest first). */
export const outbox = reactive({
  items: [] as OutboxItem[],
  syncing: false,
  lastSync: 0,
  error: '',
})

export async function refreshOutbox(login: string): Promise<void> {
  const all = await tx<OutboxItem[]>('readonly', (s) => s.index('login').getAll(login))
  outbox.items = all.sort((a, b) => b.queued_at - a.queued_at)
}

async function put(item: OutboxItem): Promise<void> {
  await tx('readwrite', (s) => s.put(item))
}

/** Queues a report with a fresh client_request_id and returns it (already stored). */
export async function enqueue(login: string, payload: ReportPayload): Promise<OutboxItem> {
  const item: OutboxItem = { id: newRequestId(), login, payload, status: 'pending', queued_at: Date.now(), attempts: 0 }
  await put(item)
  await refreshOutbox(login)
  return item
}

export async function removeItem(login: string, id: string): Promise<void> {
  await tx('readwrite', (s) => s.delete(id))
  await refreshOutbox(login)
}

/** Puts a failed item back in the queue (same client_request_id). */
export async function retryItem(login: string, id: string): Promise<void> {
  const item = outbox.items.find((i) => i.id === id)
  if (!item) return
  await put({ ...toRaw(item), status: 'pending', error: undefined })
  await refreshOutbox(login)
}

function toRaw(item: OutboxItem): OutboxItem {
  return JSON.parse(JSON.stringify(item)) as OutboxItem
}

function retryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true
  return error.status === 0 || error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500
}

let running: Promise<number> | null = null
let again = false

/**
 * Sends every pending item of `login`, oldest first; returns how many were sent. Calls made while a sync runs
 * share it. Stops at the first network error (the rest would fail alike).
 */
export function syncOutbox(session: Session, login: string): Promise<number> {
  if (running) {
    // Something was queued (or the network came back) during this run: go over the queue once more after it.
    again = true
    return running
  }
  running = (async () => {
    outbox.syncing = true
    outbox.error = ''
    let sent = 0
    try {
      await refreshOutbox(login)
      // An item left "sending" by a closed app is sent again: the server returns the same case for its id.
      const queue = outbox.items.filter((i) => i.status === 'pending' || i.status === 'sending').reverse()
      for (const original of queue) {
        const item = toRaw(original)
        item.status = 'sending'
        item.attempts += 1
        item.last_attempt_at = Date.now()
        await put(item)
        await refreshOutbox(login)
        try {
          const result = await session.request<NewCaseResult>('POST', '/cases', {
            body: { ...item.payload, client_request_id: item.id },
          })
          Object.assign(item, {
            status: 'sent',
            error: undefined,
            case_id: result.id,
            case_no: result.case_no,
            state_name: result.state_name,
            created: result.created,
            sent_at: Date.now(),
          })
          sent++
          await put(item)
        } catch (e) {
          item.error = errorMessage(e)
          item.status = retryable(e) ? 'pending' : 'failed'
          await put(item)
          if (e instanceof ApiError && (e.status === 0 || e.status === 401)) {
            outbox.error = e.status === 0 ? '网络不可用，联网后自动发送' : '登录已过期，请重新登录后发送'
            break
          }
        }
        await refreshOutbox(login)
      }
      outbox.lastSync = Date.now()
    } catch (e) {
      outbox.error = errorMessage(e)
    } finally {
      outbox.syncing = false
      running = null
      await refreshOutbox(login).catch(() => {})
    }
    if (again) {
      again = false
      if (!outbox.error) sent += await syncOutbox(session, login)
    }
    return sent
  })()
  return running
}

// ---- categories, kept for reporting offline ----

const CATEGORIES_KEY = 'gridgov.mobile.categories'

export interface CachedCategory {
  code: string
  name: string
  type: string
}

export async function loadCategories(session: Session): Promise<{ items: CachedCategory[]; cached: boolean }> {
  try {
    const result = await session.get<{ items: CachedCategory[] }>('/case-categories')
    const items = result.items.map((c) => ({ code: c.code, name: c.name, type: c.type }))
    localStorage.setItem(CATEGORIES_KEY, JSON.stringify(items))
    return { items, cached: false }
  } catch (e) {
    const saved = JSON.parse(localStorage.getItem(CATEGORIES_KEY) ?? 'null') as CachedCategory[] | null
    if (saved) return { items: saved, cached: true }
    throw e
  }
}
