// Entry of the mobile field app (served at /m/): registers the service worker that keeps the app shell
// available offline, then mounts the app.
import { createApp } from 'vue'
import '@/shared/base.css'
import './mobile.css'
import MobileApp from './MobileApp.vue'

if ('serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch((error: unknown) => {
      console.warn('service worker registration failed', error)
    })
  })
}

createApp(MobileApp).mount('#app')
