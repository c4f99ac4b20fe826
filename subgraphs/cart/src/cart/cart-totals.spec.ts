import type { CatalogProduct } from '../catalog/catalog-products';
import type { DiscountRule } from '../discount/discount.rules';
import { cartTotals, QUANTITY_CAPPED, type LineRow } from './cart-totals';

const now = new Date('2026-06-01T12:00:00Z');
const line = (id: string, productId: string, quantity: number, unitPrice: string, notice: string | null = null): LineRow => ({
  id,
  cartId: 'c',
  productId,
  quantity,
  unitPrice,
  currencyCode: 'USD',
  notice,
});
const product = (id: string, price: string, available = 100, status = 'ACTIVE', weight: string | null = '0.500'): CatalogProduct => ({
  id,
  status,
  price,
  currencyCode: 'USD',
  available,
  weight,
});
const rule = (code: string, kind: DiscountRule['kind'], value: string, extra: Partial<DiscountRule> = {}): DiscountRule => ({
  id: `id-${code}`,
  code,
  kind,
  value,
  minimumSubtotal: null,
  usageLimit: null,
  usageCount: 0,
  perCustomerLimit: null,
  startsAt: null,
  expiresAt: null,
  ...extra,
});
const totals = (lines: LineRow[], products: CatalogProduct[], codes: string[] = [], rules: DiscountRule[] = []) =>
  cartTotals({ lines, products: new Map(products.map((p) => [p.id, p])), codes, discounts: new Map(rules.map((r) => [r.code, r])), now });

describe('cartTotals', () => {
  it('prices every line at the current price and warns where it changed', () => {
    const t = totals([line('l1', 'p1', 2, '10.00'), line('l2', 'p2', 1, '5.50')], [product('p1', '12.00'), product('p2', '5.50')]);
    expect(t.subtotal).toBe('29.50');
    expect(t.total).toBe('29.50');
    expect(t.lines.get('l1')).toEqual({ currentUnitPrice: '12.00', lineTotal: '24.00' });
    expect(t.warnings).toEqual([{ code: 'PRICE_CHANGED', message: expect.stringContaining('12.00'), lineId: 'l1' }]);
    expect(t.weight).toBe('1.500');
    expect(t.totalQuantity).toBe(3);
  });

  it('warns about short stock, products no longer for sale and quantities capped at a merge', () => {
    const t = totals(
      [line('l1', 'p1', 5, '1.00'), line('l2', 'p2', 1, '1.00'), line('l3', 'gone', 1, '3.00'), line('l4', 'p3', 2, '1.00', QUANTITY_CAPPED)],
      [product('p1', '1.00', 3), product('p2', '1.00', 9, 'ARCHIVED'), product('p3', '1.00', 2)],
    );
    expect(t.warnings.map((w) => [w.code, w.lineId])).toEqual([
      ['INSUFFICIENT_STOCK', 'l1'],
      ['PRODUCT_UNAVAILABLE', 'l2'],
      ['PRODUCT_UNAVAILABLE', 'l3'],
      ['INSUFFICIENT_STOCK', 'l4'],
    ]);
    // a product the catalog no longer knows keeps its price from when it was added
    expect(t.lines.get('l3')!.lineTotal).toBe('3.00');
  });

  it('applies percentage and fixed codes in order, never below zero', () => {
    const lines = [line('l1', 'p1', 1, '20.00')];
    const products = [product('p1', '20.00')];
    const ten = rule('TEN', 'PERCENTAGE', '10');
    const big = rule('BIG', 'FIXED_AMOUNT', '50.00');
    expect(totals(lines, products, ['TEN'], [ten])).toMatchObject({ discountTotal: '2.00', total: '18.00' });
    const both = totals(lines, products, ['TEN', 'BIG'], [ten, big]);
    expect(both).toMatchObject({ subtotal: '20.00', discountTotal: '20.00', total: '0.00' });
    expect(both.codes.map((c) => [c.code, c.applicable, c.amount])).toEqual([
      ['TEN', true, '2.00'],
      ['BIG', true, '18.00'],
    ]);
  });

  it('lists codes that do not apply, with the reason', () => {
    const lines = [line('l1', 'p1', 1, '20.00')];
    const products = [product('p1', '20.00')];
    const t = totals(lines, products, ['NOPE', 'OLD', 'LATER', 'USED', 'MIN'], [
      rule('OLD', 'PERCENTAGE', '5', { expiresAt: new Date('2026-01-01') }),
      rule('LATER', 'PERCENTAGE', '5', { startsAt: new Date('2027-01-01') }),
      rule('USED', 'PERCENTAGE', '5', { usageLimit: 1, usageCount: 1 }),
      rule('MIN', 'FIXED_AMOUNT', '5', { minimumSubtotal: '20.01' }),
    ]);
    expect(t.codes.map((c) => [c.code, c.applicable, c.reason])).toEqual([
      ['NOPE', false, 'UNKNOWN'],
      ['OLD', false, 'EXPIRED'],
      ['LATER', false, 'NOT_STARTED'],
      ['USED', false, 'EXHAUSTED'],
      ['MIN', false, 'BELOW_MINIMUM'],
    ]);
    expect(t.discountTotal).toBe('0.00');
  });

  it('an empty cart is zero in USD', () => {
    expect(totals([], [])).toMatchObject({ subtotal: '0.00', total: '0.00', currencyCode: 'USD', weight: '0.000', warnings: [] });
  });
});
