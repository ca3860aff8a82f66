// The answers the benchmarks' servers give: one route per operation of a provider's table, its
// path a template (`/customers/{idType}/…`) that matches any value of its parameters.

/** `(method, pathname) → route | undefined` over routes `{ method, path, status, body }`. */
export function routeMatcher(routes) {
  const compiled = routes.map((route) => ({
    route,
    method: route.method,
    pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`),
  }));
  return (method, pathname) =>
    compiled.find((entry) => entry.method === method && entry.pattern.test(pathname))?.route;
}
