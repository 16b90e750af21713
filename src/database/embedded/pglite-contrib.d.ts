// PGlite publishes its contrib extensions only through package "exports", which this project's
// CommonJS module resolution does not read for types; Node and Jest resolve them at run time.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  import type { Extension } from '@electric-sql/pglite';
  export const pg_trgm: Extension;
}
