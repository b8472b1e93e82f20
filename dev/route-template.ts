/**
 * Azure Functions route templates (`contacts/{id}`, `files/{*path}`, `items/{id?}`, `x/{n:int}`)
 * compiled to a matcher, as the real host routes `/api/<route>`.
 */
export type RouteMatcher = (path: string) => Record<string, string> | null;

export function compileRoute(template: string): RouteMatcher {
  const names: string[] = [];
  const pattern = template
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((segment) => {
      const m = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(:[^}?]+)?(\?)?\}$/.exec(segment);
      if (!m) return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
      const [, catchAll, name, constraint, optional] = m;
      names.push(name!);
      const value = catchAll ? '(.*)' : constraint === ':int' ? '(-?\\d+)' : '([^/]+)';
      return optional || catchAll ? `(?:/${value})?` : `/${value}`;
    })
    .join('');
  const regex = new RegExp(`^${pattern}/?$`, 'i');
  return (path) => {
    const m = regex.exec(path.startsWith('/') ? path : `/${path}`);
    if (!m) return null;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      const value = m[i + 1];
      if (value !== undefined) params[name] = decodeURIComponent(value);
    });
    return params;
  };
}

/**
 * Orders route templates as ASP.NET Core routing (the Functions host's) does: segment by segment,
 * a literal beats a constrained parameter, which beats a plain one, which beats a catch-all — so
 * `contacts/trash` wins over `contacts/{id}` whichever was registered first.
 */
export function compareRoutePrecedence(a: string, b: string): number {
  const rank = (segment: string | undefined): number => {
    if (segment === undefined) return 4;
    if (!segment.startsWith('{')) return 0;
    if (segment.startsWith('{*')) return 3;
    return /:[^}]+}$/.test(segment) ? 1 : 2;
  };
  const sa = a.replace(/^\/+|\/+$/g, '').split('/');
  const sb = b.replace(/^\/+|\/+$/g, '').split('/');
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const diff = rank(sa[i]) - rank(sb[i]);
    if (diff !== 0) return diff;
  }
  return 0;
}
