// The desktop console's session and the region trail its header shows as a breadcrumb.
import { ref } from 'vue'
import { Session } from '@/api/client'
import type { Region } from '@/api/types'

export const session = new Session('gridgov.console.auth')

/** The region chain (province first) of what the current page shows; pages set it, the layout shows it. */
export const regionTrail = ref<Region[]>([])

export function formatNumber(value: number | undefined | null): string {
  return value === undefined || value === null ? '—' : value.toLocaleString('zh-CN')
}
