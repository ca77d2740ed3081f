// Routes of the desktop console. Every page but 登录 needs a signed-in session; a 401 from the server sends
// the user back to 登录 with the page to return to.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session } from './session'
import ConsoleLayout from './ConsoleLayout.vue'
import LoginView from './views/LoginView.vue'

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { title: '登录', public: true } },
  {
    path: '/',
    component: ConsoleLayout,
    children: [
      { path: '', redirect: { name: 'dashboard' } },
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('./views/DashboardView.vue'),
        meta: { title: '驾驶舱' },
      },
      {
        path: 'cases',
        name: 'cases',
        component: () => import('./views/CasesView.vue'),
        meta: { title: '事件工单' },
      },
      {
        path: 'grids',
        name: 'grids',
        component: () => import('./views/GridsView.vue'),
        meta: { title: '网格管理' },
      },
      {
        path: 'units',
        name: 'units',
        component: () => import('./views/UnitsView.vue'),
        meta: { title: '处置单位' },
      },
      {
        path: 'system/calendar',
        name: 'calendar',
        component: () => import('./views/CalendarView.vue'),
        meta: { title: '工作日计算', section: '系统管理' },
      },
    ],
  },
  { path: '/:rest(.*)*', redirect: { name: 'dashboard' } },
]

export const router = createRouter({ history: createWebHistory('/'), routes })

router.beforeEach((to) => {
  if (to.meta.public) return true
  if (!session.signedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  return true
})

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : ''
  document.title = (title ? title + ' · ' : '') + '网格化社会治理平台'
})

session.onUnauthorized = () => {
  // The address bar, not currentRoute: during the first navigation currentRoute is still "/".
  const here = window.location.pathname + window.location.search
  if (!here.startsWith('/login')) void router.replace({ name: 'login', query: { redirect: here, expired: '1' } })
}
