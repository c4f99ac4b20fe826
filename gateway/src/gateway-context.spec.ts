import pino from 'pino';
import { gatewayContext } from './gateway-context';

describe('gateway context', () => {
  const fields = { requestId: 'request-1', positions: {}, committed: {}, client: { ip: null, userAgent: null } };

  it('makes the request logger on first use, once, also through the copy Apollo Server makes of it per operation', () => {
    let made = 0;
    const context = gatewayContext(fields, () => {
      made += 1;
      return pino({ level: 'silent' });
    });
    // ApolloServer's cloneObject
    const copy = Object.assign(Object.create(Object.getPrototypeOf(context)), context);
    expect(made).toBe(0);
    expect(copy.requestId).toBe('request-1');
    expect(copy.log).toBe(context.log);
    expect(made).toBe(1);
  });
});
