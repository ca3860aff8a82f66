/**
 * A function that follows a local `$ref` (`#/components/…`) of `document`, through refs to refs,
 * to the node itself (undefined when it points nowhere); other nodes as is.
 */
export function refResolver(document) {
  const follow = (node) => {
    if (typeof node?.$ref !== 'string' || !node.$ref.startsWith('#/')) return node;
    const target = node.$ref
      .slice(2)
      .split('/')
      .reduce((parent, key) => parent?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], document);
    return follow(target);
  };
  return follow;
}
