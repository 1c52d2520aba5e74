// A DATABASE_URL that selects a schema with libpq's `options=-c search_path=<schema>` keeps the migrator's
// bookkeeping in that schema too (it used to stay in public, so a public schema with another copy's migration
// table made the service skip every migration and fail on its first query).
import { describe, expect, it } from 'vitest';
import { schemaOfUrl } from '../../src/storage/db.js';

describe('schemaOfUrl', () => {
  it('reads the search_path option of a PostgreSQL URL', () => {
    expect(schemaOfUrl('postgres://u@h:5432/db?options=-c%20search_path%3Dteampulse')).toBe('teampulse');
    expect(schemaOfUrl('postgres://u@h/db?sslmode=require&options=-c search_path=Tp_1')).toBe('tp_1');
  });

  it('is undefined without one', () => {
    expect(schemaOfUrl('postgres://u@h/db')).toBeUndefined();
    expect(schemaOfUrl('postgres://u@h/db?options=-c%20statement_timeout%3D5000')).toBeUndefined();
    expect(schemaOfUrl('not a url')).toBeUndefined();
  });
});
