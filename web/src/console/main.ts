// Entry of the desktop console (served at /).
import { createApp } from 'vue'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import '@/shared/base.css'
import App from './App.vue'
import { router } from './router'
import { session } from './session'

void session.refreshUser()
createApp(App).use(router).mount('#app')
