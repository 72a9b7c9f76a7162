import { describe, it, expect } from 'vitest';
import { DEFAULT_SETTINGS } from '../../server/config.js';
import { type SmeLimits } from '../../core/reference.js';
import {
  normaliseInn,
  normaliseRegionCode,
  parseBoolean,
  parseNumber,
  parseSince,
  transliterate,
} from '../../server/import/rules.js';
import { completeInn, innIsValid, smeCategory } from '../../core/reference.js';

const SME = DEFAULT_SETTINGS.sme;

describe('innIsValid', () => {
  it('accepts known valid 10- and 12-digit INNs', () => {
    expect(innIsValid('7707083893')).toBe(true);
    expect(innIsValid('500100732259')).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(innIsValid('7707083894')).toBe(false);
    expect(innIsValid('500100732250')).toBe(false); // 12th digit wrong
    expect(innIsValid('500100732269')).toBe(false); // 11th digit wrong
  });

  it('rejects wrong lengths and non-digits', () => {
    for (const bad of [
      '',
      '770708389',
      '77070838931',
      '5001007322590',
      '770708389X',
      ' 7707083893',
      '7707-083893',
      '７７０７０８３８９３',
    ]) {
      expect(innIsValid(bad), bad).toBe(false);
    }
  });

  it('rejects a transposition of two digits', () => {
    expect(innIsValid('7770083893')).toBe(false);
  });
});

describe('completeInn', () => {
  it('completes the bodies of known INNs', () => {
    expect(completeInn('770708389')).toBe('7707083893');
    expect(completeInn('5001007322')).toBe('500100732259');
  });

  it('produces valid INNs for arbitrary bodies', () => {
    for (const body of ['000000000', '111111111', '123456789', '999999999', '0105001234', '7800000000', '9999999999']) {
      const inn = completeInn(body);
      expect(inn.startsWith(body)).toBe(true);
      expect(inn).toHaveLength(body.length === 9 ? 10 : 12);
      expect(innIsValid(inn), inn).toBe(true);
    }
  });

  it('throws on bodies of other lengths or with non-digits', () => {
    expect(() => completeInn('12345678')).toThrow(/9 or 10 digits/);
    expect(() => completeInn('12345678901')).toThrow(/9 or 10 digits/);
    expect(() => completeInn('12345678a')).toThrow(/9 or 10 digits/);
  });
});

describe('smeCategory with the default 209-FZ limits', () => {
  it.each([
    [15, 120, 'micro'],
    [0, 0, 'micro'],
    [16, 120, 'small'],
    [15, 121, 'small'],
    [100, 800, 'small'],
    [101, 800, 'medium'],
    [100, 801, 'medium'],
    [250, 2000, 'medium'],
    [251, 2000, 'large'],
    [250, 2001, 'large'],
    [10, 5000, 'large'],
    [5000, 10, 'large'],
  ] as const)('employees %s, revenue %s → %s', (employees, revenue, expected) => {
    expect(smeCategory(employees, revenue, SME)).toBe(expected);
  });

  it('uses the only known criterion when the other is null', () => {
    expect(smeCategory(15, null, SME)).toBe('micro');
    expect(smeCategory(16, null, SME)).toBe('small');
    expect(smeCategory(101, null, SME)).toBe('medium');
    expect(smeCategory(251, null, SME)).toBe('large');
    expect(smeCategory(null, 120, SME)).toBe('micro');
    expect(smeCategory(null, 120.5, SME)).toBe('small');
    expect(smeCategory(null, 800, SME)).toBe('small');
    expect(smeCategory(null, 2000, SME)).toBe('medium');
    expect(smeCategory(null, 2001, SME)).toBe('large');
  });

  it('returns null when both criteria are unknown', () => {
    expect(smeCategory(null, null, SME)).toBeNull();
  });

  it('honours custom limits', () => {
    const custom: SmeLimits = {
      microEmployees: 5,
      microRevenueMlnRub: 10,
      smallEmployees: 50,
      smallRevenueMlnRub: 100,
      mediumEmployees: 500,
      mediumRevenueMlnRub: 1000,
    };
    expect(smeCategory(5, 10, custom)).toBe('micro');
    expect(smeCategory(6, 10, custom)).toBe('small');
    expect(smeCategory(15, 120, custom)).toBe('medium');
    expect(smeCategory(500, 1000, custom)).toBe('medium');
    expect(smeCategory(300, 1500, custom)).toBe('large');
    expect(smeCategory(501, null, custom)).toBe('large');
  });

  it('does not mutate the default limits', () => {
    smeCategory(10, 10, SME);
    expect(SME).toEqual({
      microEmployees: 15,
      microRevenueMlnRub: 120,
      smallEmployees: 100,
      smallRevenueMlnRub: 800,
      mediumEmployees: 250,
      mediumRevenueMlnRub: 2000,
    });
  });
});

describe('parseNumber', () => {
  it('reads numbers as Russian Excel writes them', () => {
    expect(parseNumber('1 234,5')).toBe(1234.5);
    expect(parseNumber('1\u00a0234')).toBe(1234);
    expect(parseNumber('1\u202f234,25')).toBe(1234.25);
    expect(parseNumber(' 42 ')).toBe(42);
    expect(parseNumber('0')).toBe(0);
    expect(parseNumber('3.75')).toBe(3.75);
  });

  it('reads negative numbers and exponents', () => {
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('2.5E-1')).toBe(0.25);
  });

  it('returns null for text that is not one number', () => {
    for (const bad of ['abc', '1,2,3', '', ' ', '1.2.3', '12abc', '--1', '+', '.5', '1.', 'NaN', 'Infinity', '0x10']) {
      expect(parseNumber(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe('parseBoolean', () => {
  it.each([
    ['да', true],
    ['Да', true],
    ['ДА', true],
    ['д', true],
    ['истина', true],
    ['true', true],
    ['TRUE', true],
    [' True ', true],
    ['1', true],
    ['yes', true],
    ['y', true],
    ['нет', false],
    ['Нет', false],
    ['н', false],
    ['ложь', false],
    ['false', false],
    ['0', false],
    ['no', false],
    ['n', false],
    ['', false],
    ['   ', false],
  ] as const)('%j → %s', (text, expected) => {
    expect(parseBoolean(text)).toBe(expected);
  });

  it('returns null for anything else', () => {
    for (const bad of ['maybe', '2', 'yes!', 'возможно', 'tru']) expect(parseBoolean(bad), bad).toBeNull();
  });
});

describe('normaliseRegionCode', () => {
  it('restores the leading zero of one-digit codes', () => {
    expect(normaliseRegionCode('1')).toBe('01');
    expect(normaliseRegionCode(' 9 ')).toBe('09');
  });

  it('leaves other codes as they are (trimmed)', () => {
    expect(normaliseRegionCode('01')).toBe('01');
    expect(normaliseRegionCode('11')).toBe('11');
    expect(normaliseRegionCode(' 77 ')).toBe('77');
    expect(normaliseRegionCode('0')).toBe('00');
    expect(normaliseRegionCode('abc')).toBe('abc');
    expect(normaliseRegionCode('')).toBe('');
  });
});

describe('normaliseInn', () => {
  it('gives a 9-digit INN its leading zero back when that makes a valid INN', () => {
    const inn = completeInn('010500123');
    expect(inn.startsWith('0')).toBe(true);
    expect(normaliseInn(inn.slice(1))).toBe(inn);
  });

  it('gives an 11-digit INN its leading zero back when that makes a valid 12-digit INN', () => {
    const inn = completeInn('0105001234');
    expect(normaliseInn(inn.slice(1))).toBe(inn);
  });

  it('leaves a 9-digit number whose padded form is invalid unchanged', () => {
    const inn = completeInn('010500123');
    const wrongCheck = inn.slice(1, 9) + String((Number(inn[9]) + 1) % 10);
    expect(innIsValid('0' + wrongCheck)).toBe(false);
    expect(normaliseInn(wrongCheck)).toBe(wrongCheck);
  });

  it('strips spaces and no-break spaces but otherwise leaves INNs alone', () => {
    expect(normaliseInn('7707083893')).toBe('7707083893');
    expect(normaliseInn(' 7707 083\u00a0893 ')).toBe('7707083893');
    expect(normaliseInn('12345')).toBe('12345');
    expect(normaliseInn('abc')).toBe('abc');
  });
});

describe('transliterate', () => {
  it('spells Russian names in Latin letters', () => {
    expect(transliterate('Монди Сыктывкарский ЛПК')).toBe('Mondi Syktyvkarskiy LPK');
    expect(transliterate('Лузалес')).toBe('Luzales');
    expect(transliterate('Щёкино')).toBe('Shchekino');
  });

  it('handles soft and hard signs, multi-letter sounds and non-Cyrillic text', () => {
    expect(transliterate('Объединение')).toBe('Obedinenie');
    expect(transliterate('Усть-Илимск')).toBe('Ust-Ilimsk');
    expect(transliterate('Хабаровск')).toBe('Khabarovsk');
    expect(transliterate('Южно-Сахалинск')).toBe('Yuzhno-Sakhalinsk');
    expect(transliterate('Цех №1 «Ячейка»')).toBe('Tsekh №1 «Yacheyka»');
    expect(transliterate('Mondi SLPK 2024')).toBe('Mondi SLPK 2024');
  });
});

describe('parseSince', () => {
  it('accepts a year', () => {
    expect(parseSince('2019')).toBe('2019');
    expect(parseSince(' 1900 ')).toBe('1900');
    expect(parseSince('2100')).toBe('2100');
  });

  it('accepts ISO and Russian dates and returns ISO', () => {
    expect(parseSince('2019-03-01')).toBe('2019-03-01');
    expect(parseSince('01.03.2019')).toBe('2019-03-01');
    expect(parseSince('29.02.2020')).toBe('2020-02-29');
  });

  it('rejects impossible dates, out-of-range years and words', () => {
    for (const bad of [
      '2019-02-30',
      '29.02.2019',
      '2019-13-01',
      '32.01.2019',
      '1850',
      '2101',
      'вчера',
      '',
      '2019-3-1',
      '1.3.2019',
      '19',
    ]) {
      expect(parseSince(bad), bad).toBeNull();
    }
  });
});

describe('latinName', () => {
  it('spells Cyrillic names in Latin and leaves Latin names alone', async () => {
    const { latinName } = await import('../../server/import/rules.js');
    expect(latinName('АО «Монди Сыктывкарский ЛПК»')).toBe('AO «Mondi Syktyvkarskiy LPK»');
    expect(latinName('Mondi SLPK')).toBeNull();
  });
});

describe('normaliseOkved', () => {
  it('restores the zero Excel drops from a code stored as a number', async () => {
    const { normaliseOkved } = await import('../../server/import/rules.js');
    expect(normaliseOkved('16,1')).toBe('16.10');
    expect(normaliseOkved('16.1')).toBe('16.10');
    expect(normaliseOkved('16,10')).toBe('16.10');
    expect(normaliseOkved(' 02.20.1 ')).toBe('02.20.1');
    expect(normaliseOkved('49.50.11')).toBe('49.50.11');
  });
});
