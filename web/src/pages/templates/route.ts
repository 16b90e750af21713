import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: 'templates',
    name: 'templates',
    component: () => import('./TemplatesPage.vue'),
    meta: { title: '流程模板', menu: { order: 60, roles: ['supervisor', 'admin'] } },
  },
  {
    path: 'templates/:id',
    name: 'template',
    component: () => import('./TemplatePage.vue'),
    meta: { title: '流程模板' },
  },
];
