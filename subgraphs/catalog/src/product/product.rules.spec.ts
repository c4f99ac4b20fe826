import { productProblems } from './product.rules';

const valid = { name: 'Desk Lamp', sku: 'LAMP-1', price: '49.90' };
const codes = (input: object, current?: { price: string; salePrice: string | null }) =>
  productProblems(input, current).map((p) => `${p.code}:${p.field}`);

describe('product input rules', () => {
  it('accepts a complete, sensible product', () => {
    expect(codes({ ...valid, salePrice: '39.90', images: ['https://img.example.com/l.jpg'], attributes: { color: 'red' }, weight: '1.250' })).toEqual([]);
  });

  it('names every bad field', () => {
    expect(codes({ name: ' ', sku: 'bad sku', price: '-1', weight: '1.2345', images: ['ftp://x'], attributes: [1] })).toEqual([
      'INVALID:input.name',
      'INVALID:input.sku',
      'INVALID:input.price',
      'INVALID:input.attributes',
      'INVALID:input.images.0',
      'INVALID:input.weight',
    ]);
  });

  it('keeps the sale price at or below the price that will hold', () => {
    expect(codes({ ...valid, salePrice: '50.00' })).toEqual(['INVALID:input.salePrice']);
    expect(codes({ salePrice: '30.00' }, { price: '25.00', salePrice: null })).toEqual(['INVALID:input.salePrice']);
    expect(codes({ price: '20.00' }, { price: '25.00', salePrice: '22.00' })).toEqual(['INVALID:input.salePrice']);
    expect(codes({ price: '20.00', salePrice: null }, { price: '25.00', salePrice: '22.00' })).toEqual([]);
  });

  it('rejects amounts with more than 2 decimals', () => {
    expect(codes({ ...valid, price: '1.999' })).toEqual(['INVALID:input.price']);
  });
});
