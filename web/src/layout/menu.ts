import type { RouteRecordRaw } from 'vue-router';

export interface MenuItem {
  path: string;
  title: string;
}

// The left menu: every page route with meta.menu that the user's role (or, for `leaders`, their
// 负责人 role) may see, in order.
export function menuFor(routes: RouteRecordRaw[], role: string | undefined, isLeader = false): MenuItem[] {
  const allowed = (menu: { roles?: string[]; leaders?: string[] }): boolean =>
    !menu.roles ||
    (role !== undefined && (menu.roles.includes(role) || (isLeader && (menu.leaders ?? []).includes(role))));
  return routes
    .filter((route) => route.meta?.menu && route.meta.title)
    .filter((route) => allowed(route.meta?.menu ?? {}))
    .sort((a, b) => (a.meta?.menu?.order ?? 0) - (b.meta?.menu?.order ?? 0))
    .map((route) => ({ path: `/${route.path.replace(/^\//, '')}`, title: route.meta?.title ?? '' }));
}
