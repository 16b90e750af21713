import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  { path: '', name: 'home', component: () => import('./HomePage.vue'), meta: { title: '工作台', menu: { order: 10 } } },
];
