import { graphql, type GraphQLSchema } from 'graphql';
import { buildSchema, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Role, type Identity } from '../auth/roles';
import { authChecker } from './auth-checker';
import { Customer, isSelfOrStaff, SelfOrStaff, ServiceOnly, Staff } from './authorization';

@ObjectType()
class Account {
  @Field(() => ID)
  id!: string;

  @SelfOrStaff()
  @Field()
  email!: string;
}

interface Ctx {
  caller: string;
  identity?: Identity;
}

@Resolver()
class ProbeResolver {
  @Customer()
  @Query(() => String)
  mine(@Ctx() ctx: Ctx): string {
    return ctx.identity!.userId;
  }

  @Staff()
  @Query(() => Boolean)
  staffOnly(): boolean {
    return true;
  }

  @Query(() => Account)
  account(): Account {
    return Object.assign(new Account(), { id: 'u1', email: 'u1@example.com' });
  }

  @ServiceOnly('orders', 'cart')
  @Mutation(() => Boolean)
  internal(): boolean {
    return true;
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema({ resolvers: [ProbeResolver], authChecker, validate: false });
});

const customer = (userId: string): Identity => ({ userId, roles: [Role.CUSTOMER], sessionId: 's' });
const staff: Identity = { userId: 'admin', roles: [Role.ADMIN, Role.CUSTOMER], sessionId: 's' };

async function codeOf(source: string, contextValue: Ctx): Promise<string | null> {
  const result = await graphql({ schema, source, contextValue });
  return (result.errors?.[0]?.extensions.code as string | undefined) ?? null;
}

describe('authorization decorators', () => {
  it('Customer needs a signed-in user, Staff the ADMIN role', async () => {
    expect(await codeOf('{ mine }', { caller: 'gateway' })).toBe('UNAUTHENTICATED');
    expect(await codeOf('{ mine }', { caller: 'gateway', identity: customer('c1') })).toBeNull();
    expect(await codeOf('{ staffOnly }', { caller: 'gateway', identity: customer('c1') })).toBe('FORBIDDEN');
    expect(await codeOf('{ staffOnly }', { caller: 'gateway', identity: staff })).toBeNull();
  });

  it('ServiceOnly accepts exactly the listed callers, never the gateway nor another service', async () => {
    for (const caller of ['orders', 'cart']) expect(await codeOf('mutation { internal }', { caller })).toBeNull();
    for (const caller of ['gateway', 'payments', 'orders-worker', '']) expect(await codeOf('mutation { internal }', { caller })).toBe('FORBIDDEN');
    expect(await codeOf('mutation { internal }', { caller: 'gateway', identity: staff })).toBe('FORBIDDEN');
    expect(() => ServiceOnly('gateway')).toThrow(/gateway/);
  });

  it('SelfOrStaff shows a private field to its owner and to staff only', async () => {
    expect(await codeOf('{ account { email } }', { caller: 'gateway', identity: customer('u1') })).toBeNull();
    expect(await codeOf('{ account { email } }', { caller: 'gateway', identity: staff })).toBeNull();
    expect(await codeOf('{ account { email } }', { caller: 'gateway', identity: customer('u2') })).toBe('FORBIDDEN');
    expect(await codeOf('{ account { email } }', { caller: 'gateway' })).toBe('FORBIDDEN');
    expect(await codeOf('{ account { id } }', { caller: 'gateway' })).toBeNull();
    expect(isSelfOrStaff(undefined, 'u1')).toBe(false);
  });
});
