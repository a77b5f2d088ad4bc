import { CITY_ALIASES, normalizeCity } from './city.util';
import { displayCase } from './display-case.util';
import { normalizePersonName, splitFullName } from './name.util';

describe('display values', () => {
  it('gives values typed in one case a consistent case, and leaves mixed case alone', () => {
    expect(['pune', 'PUNE', 'Pune', ' pune '].map((c) => normalizeCity(c))).toEqual(['Pune', 'Pune', 'Pune', 'Pune']);
    expect(displayCase("MARY-ANN O'NEIL")).toBe("Mary-Ann O'Neil");
    expect(displayCase('new delhi')).toBe('New Delhi');
    expect(displayCase('ZOË ÅSE')).toBe('Zoë Åse');
    expect(displayCase('McDonald')).toBe('McDonald');
    expect(displayCase('deShawn')).toBe('deShawn');
    expect(displayCase('123')).toBe('123');
    expect(normalizePersonName('  ASHA   ')).toBe('Asha');
    expect(normalizePersonName('   ')).toBeNull();
  });

  it('resolves city aliases whatever their case', () => {
    expect(normalizeCity('BOMBAY')).toBe('Mumbai');
    expect(normalizeCity('bangalore')).toBe('Bengaluru');
    expect(normalizeCity('New  Bombay')).toBe('Navi Mumbai');
    expect(normalizeCity('MUMBAI')).toBe('Mumbai');
    expect(normalizeCity('Springfield', {})).toBe('Springfield');
    expect(normalizeCity('')).toBeNull();
    expect(Object.keys(CITY_ALIASES).every((k) => k === k.toLowerCase())).toBe(true);
  });

  it('splits full names keeping suffixes and particles with the last name', () => {
    expect(splitFullName('Ravi Iyengar Jr.')).toEqual({ firstName: 'Ravi', lastName: 'Iyengar Jr.' });
    expect(splitFullName('Srinivasa Ramanujan Iyengar Jr.')).toEqual({
      firstName: 'Srinivasa Ramanujan',
      lastName: 'Iyengar Jr.',
    });
    expect(splitFullName('Ludwig van Beethoven')).toEqual({ firstName: 'Ludwig', lastName: 'van Beethoven' });
    expect(splitFullName('Maria de la Cruz')).toEqual({ firstName: 'Maria', lastName: 'de la Cruz' });
    expect(splitFullName('Martin Luther King, Jr.')).toEqual({ firstName: 'Martin Luther', lastName: 'King Jr.' });
    expect(splitFullName('Smith, John')).toEqual({ firstName: 'John', lastName: 'Smith' });
    expect(splitFullName('ASHA RAO')).toEqual({ firstName: 'Asha', lastName: 'Rao' });
    expect(splitFullName('Da Silva')).toEqual({ firstName: 'Da', lastName: 'Silva' });
  });
});
