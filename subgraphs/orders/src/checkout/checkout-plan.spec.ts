import { priceOrder, rateE4 } from './checkout-plan';

describe('priceOrder', () => {
  it('taxes the goods after discount at the rate, not the shipping, and rounds to the cent', () => {
    expect(priceOrder([{ quantity: 2, unitPriceCents: 1999 }], 500, 799, rateE4('0.0725'))).toEqual({
      subtotalCents: 3998,
      discountCents: 500,
      shippingCents: 799,
      taxCents: 254, // 3498 × 0.0725 = 253.6
      totalCents: 3998 - 500 + 799 + 254,
    });
  });

  it('never takes off more than the subtotal, and a country without tax pays none', () => {
    expect(priceOrder([{ quantity: 1, unitPriceCents: 1000 }], 5000, 0, rateE4('0'))).toEqual({ subtotalCents: 1000, discountCents: 1000, shippingCents: 0, taxCents: 0, totalCents: 0 });
  });

  it('reads rates as ten-thousandths', () => {
    expect([rateE4('0.0725'), rateE4('0.07'), rateE4('0.19'), rateE4('0.2000')]).toEqual([725, 700, 1900, 2000]);
  });
});
