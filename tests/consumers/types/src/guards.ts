// Run-time checks whose static types are tied to the package's declarations: a guard
// for a member must be assignable to `Guard<T[K]>`, so a declaration that says
// `undefined` (or `Map`, or a required member) where the guard checks `null` (or a plain
// object, or an absent one) fails to compile, and a value that differs from what the
// guard checks fails at run time.
export type Guard<T> = (value: unknown, at: string) => value is T;

export class Mismatch extends Error {}

const fail = (at: string, what: string, value: unknown): never => {
  throw new Mismatch(`${at}: expected ${what}, found ${JSON.stringify(value)}`);
};

export const str: Guard<string> = (v, at): v is string => typeof v === "string" || fail(at, "a string", v);
export const num: Guard<number> = (v, at): v is number => typeof v === "number" || fail(at, "a number", v);
export const bool: Guard<boolean> = (v, at): v is boolean => typeof v === "boolean" || fail(at, "a boolean", v);
export const unknownValue: Guard<unknown> = (_v, _at): _v is unknown => true;
export const lit =
  <const L extends string | number | boolean>(literal: L): Guard<L> =>
  (v, at): v is L =>
    v === literal || fail(at, JSON.stringify(literal), v);
export const oneOf =
  <const L extends string>(...values: L[]): Guard<L> =>
  (v, at): v is L =>
    values.includes(v as L) || fail(at, values.join(" | "), v);
export const nullable =
  <T>(guard: Guard<T>): Guard<T | null> =>
  (v, at): v is T | null =>
    v === null || guard(v, at);
/** A member that may be absent (never `null`). */
export const absentOr =
  <T>(guard: Guard<T>): Guard<T | undefined> =>
  (v, at): v is T | undefined =>
    v === undefined || guard(v, at);
export const array =
  <T>(guard: Guard<T>): Guard<T[]> =>
  (v, at): v is T[] => {
    if (!Array.isArray(v)) return fail(at, "an array", v);
    return v.every((item: unknown, i: number) => guard(item, `${at}/${i}`));
  };
export const record =
  <T>(guard: Guard<T>): Guard<Record<string, T>> =>
  (v, at): v is Record<string, T> =>
    (isPlainObject(v) || fail(at, "a plain object", v)) &&
    Object.entries(v as object).every(([k, item]) => guard(item, `${at}/${k}`));

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * An object with exactly the declared members: every member's guard passes (absent
 * members read as `undefined`), and no member is there that the type does not declare.
 */
export const shape =
  <T extends object>(members: { [K in keyof T]-?: Guard<T[K]> }): Guard<T> =>
  (v, at): v is T => {
    if (!isPlainObject(v)) return fail(at, "a plain object", v);
    const declared = Object.keys(members);
    for (const key of Object.keys(v)) {
      if (!declared.includes(key)) fail(`${at}/${key}`, "no such member (undeclared)", v[key]);
    }
    for (const [key, guard] of Object.entries(members) as [string, Guard<unknown>][]) {
      guard(v[key], `${at}/${key}`);
    }
    return true;
  };

/** Either side of a union; the first guard that passes wins. */
export const either =
  <A, B>(a: Guard<A>, b: Guard<B>): Guard<A | B> =>
  (v, at): v is A | B => {
    try {
      return a(v, at);
    } catch (first) {
      try {
        return b(v, at);
      } catch (second) {
        throw new Mismatch(`${(first as Error).message}\n  or ${(second as Error).message}`);
      }
    }
  };
export const nul: Guard<null> = (v, at): v is null => v === null || fail(at, "null", v);
