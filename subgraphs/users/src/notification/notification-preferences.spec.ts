import { NotificationKind } from './notification-kind';
import { deliveryFor, preferenceOption, resolvePreferences } from './notification-preferences';

describe('notification preferences', () => {
  it('offer five combinations: marketing by text message does not exist', () => {
    expect(preferenceOption('SMS', 'MARKETING')).toBeUndefined();
    expect(preferenceOption('EMAIL', 'MARKETING')).toMatchObject({ enabledByDefault: false });
    expect(resolvePreferences([]).map((p) => `${p.channel}:${p.kind}:${p.enabled}`)).toEqual([
      'EMAIL:ORDERS:true', 'EMAIL:SHIPPING:true', 'EMAIL:MARKETING:false', 'SMS:ORDERS:false', 'SMS:SHIPPING:false',
    ]);
  });

  it('send receipts and account mail whatever the choices', () => {
    const none = resolvePreferences([]).map((p) => ({ ...p, enabled: false }));
    for (const template of ['welcome', 'password-reset', 'email-verification', 'order-confirmed', 'refund-issued'] as const) {
      expect(deliveryFor('EMAIL', template, none)).toEqual({ send: true });
    }
  });

  it('let the choice, or else the default, decide the others, and say why one is not sent', () => {
    expect(deliveryFor('SMS', 'order-confirmed', [])).toEqual({ send: false, reason: 'SMS for ORDERS is off (default)' });
    expect(deliveryFor('SMS', 'order-confirmed', [{ channel: 'SMS', kind: NotificationKind.ORDERS, enabled: true }])).toEqual({ send: true });
    expect(deliveryFor('EMAIL', 'shipment-update', [])).toEqual({ send: true });
    expect(deliveryFor('EMAIL', 'shipment-update', [{ channel: 'EMAIL', kind: NotificationKind.SHIPPING, enabled: false }])).toEqual({
      send: false,
      reason: "EMAIL for SHIPPING is off (the customer's choice)",
    });
    expect(deliveryFor('EMAIL', 'cart-abandoned', [])).toMatchObject({ send: false });
    expect(deliveryFor('SMS', 'password-reset', [])).toEqual({ send: false, reason: 'password-reset is not sent by SMS' });
  });
});
