import { orderLabel, renderEmail, renderSms, SECRET_PLACEHOLDER, withSecret } from './notification.templates';

describe('notification templates', () => {
  it('keep the one-time token out of the stored body and put it in when sending', () => {
    const { body } = renderEmail('password-reset', { name: 'Ann', resetUrl: `https://shop.example/reset-password?token=${SECRET_PLACEHOLDER}` });
    expect(body).toContain('Hello Ann,');
    expect(body).toContain(`token=${SECRET_PLACEHOLDER}`);
    expect(withSecret(body, 'a+b/c')).toContain('token=a%2Bb%2Fc');
    expect(withSecret(body, null)).toBe(body);
  });

  it('write a welcome without a link once the address is verified', () => {
    expect(renderEmail('welcome', { name: 'Bo', verifyUrl: null }).body).not.toContain('confirm');
    expect(renderEmail('welcome', { name: 'Bo', verifyUrl: 'https://x/verify-email?token=t' }).body).toContain('https://x/verify-email?token=t');
  });

  it('count the items of an order and name the order by its number', () => {
    const mail = renderEmail('order-confirmed', { name: null, orderNumber: 'ORD-2026-000123', itemCount: 1 });
    expect(mail.subject).toBe('Order ORD-2026-000123 confirmed');
    expect(mail.body).toContain('Hello,');
    expect(mail.body).toContain('order ORD-2026-000123 (1 item)');
    expect(renderSms('order-confirmed', { name: null, orderNumber: 'ORD-2026-000123', itemCount: 3 })).toMatch(/^Shop: thank you! Order ORD-2026-000123 \(3 items\)/);
    expect(renderEmail('order-cancelled', { name: 'Ann', orderNumber: 'ORD-2026-000123' }).subject).toBe('Order ORD-2026-000123 cancelled');
  });

  it('fall back to a short form of the order id for an event without an order number', () => {
    expect(orderLabel('abcdef12-0000-4000-8000-000000000000', undefined)).toBe('ABCDEF12');
    expect(orderLabel('abcdef12-0000-4000-8000-000000000000', 'ORD-2026-000001')).toBe('ORD-2026-000001');
  });

  it('make text messages of at most 160 characters, only for templates that have one', () => {
    const sms = renderSms('shipment-update', {
      name: 'Sam', orderId: 'abcdef12-0000-4000-8000-000000000000', status: 'OUT_FOR_DELIVERY',
      carrier: 'A carrier with a very long name '.repeat(5), trackingNumber: 'T'.repeat(40), estimatedDelivery: '2030-01-05',
    });
    expect(sms).toMatch(/^Shop: order ABCDEF12 is out for delivery/);
    expect(sms!.length).toBeLessThanOrEqual(160);
    expect(renderSms('password-reset', { name: 'x', resetUrl: 'y' })).toBeNull();
  });
});
