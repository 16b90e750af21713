import type { RouteRecordRaw } from 'vue-router';

// Reached from the user name in the top bar.
export const routes: RouteRecordRaw[] = [
  { path: 'password', name: 'password', component: () => import('./PasswordPage.vue'), meta: { title: '修改密码' } },
];
