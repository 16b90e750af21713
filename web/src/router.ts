import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { whenSessionLost } from '@/api/client';
import { forgetSession, restoreSession, session } from '@/session/session';

// Every page lives in its own folder under pages/ with a route.ts exporting `routes`; the menu is built
// from their meta (layout/menu.ts). Adding a page = adding a folder.
declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    public?: boolean;
    // In the left menu, ordered by `order`, only for these roles (all roles when absent), and for the
    // 负责人 of the `leaders` roles.
    menu?: { order: number; roles?: string[]; leaders?: string[] };
  }
}

const pageModules = import.meta.glob<{ routes: RouteRecordRaw[] }>('./pages/*/route.ts', { eager: true });
export const pageRoutes = Object.values(pageModules).flatMap((module) => module.routes);

const publicRoutes = pageRoutes.filter((route) => route.meta?.public);
const appRoutes = pageRoutes.filter((route) => !route.meta?.public);

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    ...publicRoutes,
    {
      path: '/',
      component: () => import('@/layout/AppLayout.vue'),
      children: appRoutes,
    },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/layout/NotFoundPage.vue') },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (!session.user && !(await restoreSession())) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  }
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 配合履职事项办理平台` : '配合履职事项办理平台';
});

// Any 401 from the API (session expired, 退出 elsewhere): back to 登录, then back to this page.
whenSessionLost(() => {
  const current = router.currentRoute.value;
  forgetSession();
  if (!current.meta.public) void router.push({ name: 'login', query: { redirect: current.fullPath } });
});
