import type { RouteRecordRaw } from 'vue-router';

export interface MenuItem {
  path: string;
  title: string;
}

// The left menu: every page route with meta.menu that the user's role may see, in order.
export function menuFor(routes: RouteRecordRaw[], role: string | undefined): MenuItem[] {
  return routes
    .filter((route) => route.meta?.menu && route.meta.title)
    .filter((route) => !route.meta?.menu?.roles || (role !== undefined && route.meta.menu.roles.includes(role)))
    .sort((a, b) => (a.meta?.menu?.order ?? 0) - (b.meta?.menu?.order ?? 0))
    .map((route) => ({ path: `/${route.path.replace(/^\//, '')}`, title: route.meta?.title ?? '' }));
}
