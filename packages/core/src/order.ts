/**
 * Lists of keys, tags and aliases are sorted here, by code point, rather than with ORDER BY:
 * PostgreSQL sorts text by the database's locale (en_US puts "a" before "B"), SQLite by code point,
 * and both databases must give the same lists.
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const byKey = (a: { key: string }, b: { key: string }): number => byCodePoint(a.key, b.key);
