import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/catalog/catalog.js';
import { buildMatcher } from '../src/extract/matcher.js';
import { findCodes, findUnknownCodes } from './oracle/matcher.js';

const m = buildMatcher(buildCatalog([]));
const codes = (text: string) => findCodes(text, m).map((c) => c.entry.code);
const unknown = (text: string) => findUnknownCodes(text, m).map((u) => u.code);

describe('the code matcher', () => {
  it.each([
    ['[storage_error]'],
    ['code=storage_error,'],
    ['"storage_error"'],
    ['/api/storage_error?x'],
    ['STORAGE_ERROR'],
    ['storage_error'],
    ['x storage_error\t'],
    ['é storage_error é'],
  ])('counts a code with no word character around it: %s', (text) => {
    expect(codes(text)).toEqual(['storage_error']);
  });

  it.each([['storage_error_count'], ['xstorage_error'], ['storage_error2'], ['storage-error'], ['_storage_error'], ['storage_errorx'], ['storage__error']])(
    'does not count a near miss: %s',
    (text) => {
      expect(codes(text)).toEqual([]);
    },
  );

  it('counts each distinct code once per record, in order of first occurrence', () => {
    expect(codes('storage_error ... STORAGE_ERROR')).toEqual(['storage_error']);
    expect(codes('smime_error;execution_failed')).toEqual(['smime_error', 'execution_failed']);
    expect(codes('execution_failed smime_error execution_failed')).toEqual(['execution_failed', 'smime_error']);
  });

  it('names a code by its catalog spelling', () => {
    expect(codes('storage_user_with_error')).toEqual(['STORAGE_USER_WITH_ERROR']);
    expect(codes('Web_Hook_Moved')).toEqual(['web_hook_moved']);
  });

  it('reports where a code first occurs', () => {
    expect(findCodes('ab smime_error smime_error', m)[0]!.at).toBe(3);
  });

  it('finds codes of a custom catalog that are not words, overlapping ones included', () => {
    const custom = buildMatcher(
      buildCatalog(
        [
          [
            { module: 'x', code: 'E-101', type: 'T', level: 'ERROR', description: 'd', action: 'a' },
            { module: 'x', code: 'E-101-X', type: 'T', level: 'WARN', description: 'd', action: 'a' },
            { module: 'x', code: 'TIMEOUT', type: 'T', level: 'INFO', description: 'd', action: 'a' },
          ],
        ],
        false,
      ),
    );
    expect(custom.wordCodes).toBe(false);
    expect(findCodes('got e-101-x then timeout', custom).map((c) => c.entry.code).sort()).toEqual(['E-101', 'E-101-X', 'TIMEOUT']);
    expect(findCodes('E-1010 xtimeout', custom)).toEqual([]);
  });
});

describe('the unknown-code rule', () => {
  it.each([
    ['code=foo_bar', 'foo_bar'],
    ['code: "quota_exceeded_hard"', 'quota_exceeded_hard'],
    ['"code":"x_y"', 'x_y'],
    ['error_code=zip_zap', 'zip_zap'],
    ['errorCode = Mail_Box_9', 'Mail_Box_9'],
    ['CODE:\t"a1_b2_c3"', 'a1_b2_c3'],
    ['[code=foo_bar]', 'foo_bar'],
  ])('takes a code-shaped value of a code key: %s', (text, code) => {
    expect(unknown(text)).toEqual([code]);
  });

  it.each([['code=500'], ['mycode=foo_bar'], ['errcode=foo_bar'], ['code=foo_'], ['code=_foo_bar'], ['code=foo__bar'], ['code=1foo_bar'], ['code==foo_bar'], ['code=foo_bar_baz_'], ['code=storage_error'], ['foo_bar']])(
    'leaves alone what is not an unknown code: %s',
    (text) => {
      expect(unknown(text)).toEqual([]);
    },
  );

  it('counts each unknown code once per record, case-insensitively, spelled as first written', () => {
    expect(unknown('code=Foo_Bar code=foo_bar error_code=x_y')).toEqual(['Foo_Bar', 'x_y']);
  });
});
