import { createHash } from 'node:crypto';
import { Role } from '../../../platform/auth/roles';
import { hashPassword } from './account/password';
import type { UsersDeps } from './deps';
import { UserEntity } from './user/user.entity';

/** The demo customers' ids are derived from their number, so other subgraphs' seeds can name them. */
export function demoCustomerId(n: number): string {
  const h = createHash('sha256').update(`demo-customer-${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DEMO_CUSTOMERS = 50;
const FIRST = ['Ava', 'Ben', 'Chloe', 'Dan', 'Emma', 'Finn', 'Grace', 'Hugo', 'Isla', 'Jack'];
const LAST = ['Nguyen', 'Smith', 'Tanaka', 'Garcia', 'Kowalski'];

/** The demo shop's accounts: the admin (ADMIN_EMAIL / ADMIN_PASSWORD) and 50 demo customers. Idempotent. */
export async function seedUsers({ database, log }: UsersDeps): Promise<void> {
  const adminEmail = (process.env.ADMIN_EMAIL ?? 'admin@example.com').toLowerCase();
  const adminPassword = process.env.ADMIN_PASSWORD ?? 'admin-password-123';
  const users = database.dataSource.getRepository(UserEntity);
  if (!(await users.existsBy({ email: adminEmail }))) {
    await users.insert({ email: adminEmail, name: 'Shop Admin', passwordHash: await hashPassword(adminPassword), roles: [Role.ADMIN, Role.CUSTOMER], emailVerifiedAt: new Date() });
    log.info({ email: adminEmail }, 'created the admin account');
  }
  if (!(await users.existsBy({ id: demoCustomerId(1) }))) {
    const passwordHash = await hashPassword('demo-customer-password');
    const customers = Array.from({ length: DEMO_CUSTOMERS }, (_, i) => ({
      id: demoCustomerId(i + 1),
      email: `customer${i + 1}@example.com`,
      name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
      passwordHash,
      roles: [Role.CUSTOMER],
      emailVerifiedAt: new Date(),
    }));
    await users.createQueryBuilder().insert().values(customers).orIgnore().execute();
    log.info({ count: customers.length }, 'created demo customers (password: demo-customer-password)');
  }
}
