import { loadZod, type Zod } from './load-zod.js';

/**
 * Returns a stand-in for the zod schema that `build` makes, built on first use (zod itself is imported statically). It behaves as that
 * schema for every property access, method call and `instanceof` check, and has its type, so `z.input<typeof schema>`
 * and `z.output<typeof schema>` are unchanged.
 *
 * @deprecated Build schemas with a static `import { z } from 'zod'`; kept until every package has moved.
 */
export function lazySchema<T extends object>(build: (z: Zod) => T): T {
  let schema: T | undefined;
  const bound = new Map<PropertyKey, unknown>();
  const get = (): T => {
    schema ??= build(loadZod());
    return schema;
  };
  return new Proxy({} as T, {
    get: (_target, key) => {
      const real = get();
      const value: unknown = Reflect.get(real, key, real);
      if (typeof value !== 'function') return value;
      // zod's methods close over their schema, but a bound copy also keeps `this`-based ones right.
      if (!bound.has(key)) bound.set(key, value.bind(real));
      return bound.get(key);
    },
    set: (_target, key, value) => Reflect.set(get(), key, value),
    has: (_target, key) => Reflect.has(get(), key),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(get(), key);
      // The (empty) proxy target does not own the property, so it must be reported as configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
  });
}
