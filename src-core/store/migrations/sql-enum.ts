// CHECK constraints built from the shared enum arrays (domain/enums.ts, domain/client-order-id.ts),
// so a value is defined once. A migration captures the list as it is when the migration is
// written: adding a value later needs a new migration (SQLite cannot alter a CHECK), which the
// migration test catches by comparing the stored schema with the arrays.

/** `column IN ('a','b')` with each value quoted as an SQL string literal. */
export function sqlIn(column: string, values: readonly string[]): string {
  if (values.length === 0) throw new Error(`empty enum for ${column}`);
  return `${column} IN (${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')})`;
}
