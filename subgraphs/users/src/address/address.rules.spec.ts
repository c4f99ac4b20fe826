import { addressProblems } from './address.rules';
import type { AddressInput } from './address.inputs';

const base: AddressInput = { street: '1 Main St', city: 'Bangkok', postalCode: '10110', country: 'th' };

describe('address rules', () => {
  it('accepts a complete address', () => {
    expect(addressProblems({ ...base, latitude: 13.75, longitude: 100.5 })).toEqual([]);
  });
  it.each([
    [{ latitude: 91 }, 'input.latitude'],
    [{ latitude: -90.5 }, 'input.latitude'],
    [{ longitude: 180.01 }, 'input.longitude'],
    [{ country: 'XX' }, 'input.country'],
    [{ street: '  ' }, 'input.street'],
    [{ deliveryInstructions: 'x'.repeat(501) }, 'input.deliveryInstructions'],
  ])('refuses %j', (change, field) => {
    expect(addressProblems({ ...base, ...change } as AddressInput)).toEqual([expect.objectContaining({ code: 'INVALID', field })]);
  });
});
