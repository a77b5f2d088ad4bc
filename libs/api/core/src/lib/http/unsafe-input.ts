import type { FieldIssue } from './error-body';

/** Deeper JSON than any of our bodies needs; class-transformer recurses and would overflow the stack. */
export const MAX_INPUT_DEPTH = 32;

/**
 * The first part of a parsed body, query or params that no route may receive: a string with a NUL
 * character (PostgreSQL rejects it in text) or nesting deeper than MAX_INPUT_DEPTH. Iterative, so
 * a hostile document cannot overflow the stack here either; keys are checked like values.
 */
export function findUnsafeInput(root: unknown, rootPath: string): FieldIssue | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootPath, depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop() as (typeof stack)[number];
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { path, message: 'must not contain a NUL character (\\u0000)' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { path, message: `is nested too deeply (${MAX_INPUT_DEPTH} levels at most)` };
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [key, child] of entries) {
      const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return { path: childPath, message: 'key must not contain a NUL character (\\u0000)' };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}
