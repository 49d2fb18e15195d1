// The ES2025 Set methods gitlab-ci-local's bundle calls (Node 22+ has them); loaded with
// `node --import` only when the running Node lacks them, so the validator also runs on Node 20.
const P = Set.prototype;
const keys = (other) => (typeof other.keys === 'function' ? [...other.keys()] : [...other]);
P.union ??= function (other) {
  return new Set([...this, ...keys(other)]);
};
P.intersection ??= function (other) {
  return new Set([...this].filter((x) => other.has(x)));
};
P.difference ??= function (other) {
  return new Set([...this].filter((x) => !other.has(x)));
};
P.symmetricDifference ??= function (other) {
  const out = new Set(this);
  for (const x of keys(other)) if (!out.delete(x)) out.add(x);
  return out;
};
P.isSubsetOf ??= function (other) {
  return [...this].every((x) => other.has(x));
};
P.isSupersetOf ??= function (other) {
  return keys(other).every((x) => this.has(x));
};
P.isDisjointFrom ??= function (other) {
  return [...this].every((x) => !other.has(x));
};
