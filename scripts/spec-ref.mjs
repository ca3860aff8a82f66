/** A function that follows a local `$ref` (`#/components/…`) of `document`; other nodes as is. */
export function refResolver(document) {
  return (node) => {
    if (typeof node?.$ref !== 'string' || !node.$ref.startsWith('#/')) return node;
    return node.$ref
      .slice(2)
      .split('/')
      .reduce((parent, key) => parent?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], document);
  };
}
