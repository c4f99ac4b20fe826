import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one checkout per cart that has not failed (running, or completed): two checkouts of one
 * cart with different idempotency keys (two tabs, a client making a new key per click) could
 * otherwise both run and charge twice. A failed checkout frees the cart for the next attempt.
 * A database holding such a double checkout already stops this migration: refund the extra order
 * and mark its saga FAILED first.
 */
export class OneCheckoutPerCart1733500000000 implements MigrationInterface {
  name = 'OneCheckoutPerCart1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX checkout_sagas_one_per_cart ON checkout_sagas (cart_id) WHERE state <> 'FAILED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX checkout_sagas_one_per_cart');
  }
}
