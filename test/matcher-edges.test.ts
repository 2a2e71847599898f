/**
 * Edges of the code matcher not covered by matcher.test.ts: an empty catalog, what makes a catalog one of
 * word codes (which decides whether the byte scanner may read JSON lines), the longest code, a matcher used
 * again on another text, codes of custom catalogs that share a start, ASCII-only case folding, and where
 * an unknown code's value starts. Expected values follow from the catalog and text written here.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import type { CatalogEntry } from '../src/catalog/types.js';
import { buildMatcher } from '../src/extract/matcher.js';
import { findCodes, findUnknownCodes } from './oracle/matcher.js';

const entry = (code: string): CatalogEntry => ({ module: 'x', code, type: 'T', level: 'ERROR', description: 'd', action: 'a' });
const matcherOf = (...codes: string[]) => buildMatcher(buildCatalog([codes.map(entry)], false));
const codes = (text: string, m: ReturnType<typeof buildMatcher>) => findCodes(text, m).map((c) => `${c.entry.code}@${c.at}`);

describe('buildMatcher', () => {
  it('finds nothing, and does not fail, with an empty catalog', () => {
    const m = matcherOf();
    expect(findCodes('storage_error code=foo_bar x', m)).toEqual([]);
    expect(findCodes('', m)).toEqual([]);
    expect(m.maxCodeLength).toBe(0);
  });

  it('is a catalog of word codes only when every code is letters, digits and _ with at least one _', () => {
    expect(matcherOf('storage_error', 'A_1').wordCodes).toBe(true);
    expect(matcherOf('storage_error', 'TIMEOUT').wordCodes).toBe(false);
    expect(matcherOf('E-101_X').wordCodes).toBe(false);
    expect(matcherOf('_').wordCodes).toBe(true);
    expect(matcherOf('storage_error', 'x_y!').wordCodes).toBe(false);
    expect(buildMatcher(buildCatalog([])).wordCodes).toBe(true);
  });

  it('knows the length of its longest code', () => {
    expect(matcherOf('a_b', 'abcdef_ghij', 'xy_z').maxCodeLength).toBe(11);
  });
});

describe('findCodes', () => {
  it('starts afresh on each text, whatever the matcher read before', () => {
    const m = matcherOf('ab_c', 'zz_top');
    expect(codes('a long line with ab_c near its end', m)).toEqual(['ab_c@17']);
    expect(codes('ab_c', m)).toEqual(['ab_c@0']);
    expect(codes('zz_top', m)).toEqual(['zz_top@0']);
  });

  it('finds codes that start where another code starts only when their own end is a boundary', () => {
    const m = matcherOf('E-101', 'E-101-X');
    // "e-101-xy": E-101-X runs into "y"; E-101 ends at "-"
    expect(codes('got e-101-xy', m)).toEqual(['E-101@4']);
    expect(codes('got e-101-x.', m).sort()).toEqual(['E-101-X@4', 'E-101@4']);
  });

  it('finds a code again after a longer code with the same start was taken', () => {
    const m = matcherOf('ab_c', 'ab_c_d');
    expect(codes('ab_c_d then ab_c', m)).toEqual(['ab_c_d@0', 'ab_c@12']);
  });

  it('folds only the ASCII letters A-Z: @ is not `, [ is not {', () => {
    const m = matcherOf('x`1', 'x{1');
    expect(codes('x@1 x[1', m)).toEqual([]);
    const both = matcherOf('x@1', 'x`1', 'x[1', 'x{1');
    expect(codes('X@1', both)).toEqual(['x@1@0']);
    expect(codes('X[1', both)).toEqual(['x[1@0']);
    expect(codes('X`1 X{1', both)).toEqual(['x`1@0', 'x{1@4']);
  });

  it('counts a code at the very start and the very end of the text', () => {
    const m = matcherOf('ab_c');
    expect(codes('ab_c', m)).toEqual(['ab_c@0']);
    expect(codes('x ab_c', m)).toEqual(['ab_c@2']);
    expect(codes('x ab_', m)).toEqual([]);
  });
});

describe('findUnknownCodes', () => {
  const m = buildMatcher(buildCatalog([]));

  it('gives where the value starts, after any quotes, spaces and separator', () => {
    const found = (text: string) => findUnknownCodes(text, m).map((u) => `${u.code}@${u.at}`);
    expect(found('code=foo_bar')).toEqual(['foo_bar@5']);
    expect(found('x "code" : "foo_bar"')).toEqual(['foo_bar@12']);
    expect(found('error_code = a_b, errorCode:c_d')).toEqual(['a_b@13', 'c_d@28']);
  });

  it('starts afresh on each text', () => {
    expect(findUnknownCodes('padding padding padding code=foo_bar', m).map((u) => u.code)).toEqual(['foo_bar']);
    expect(findUnknownCodes('code=x_y', m).map((u) => u.code)).toEqual(['x_y']);
  });

  it('leaves out a value that is a code of the catalog in use, in any case', () => {
    const custom = matcherOf('foo_bar');
    expect(findUnknownCodes('code=FOO_BAR code=storage_error', custom).map((u) => u.code)).toEqual(['storage_error']);
  });
});
