import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: 'calendar',
    name: 'calendar',
    component: () => import('./CalendarPage.vue'),
    meta: { title: '工作日历', menu: { order: 80, roles: ['admin'] } },
  },
];
