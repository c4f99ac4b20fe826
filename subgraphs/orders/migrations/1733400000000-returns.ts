import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Return requests of delivered orders and their lines. A return's receipt (refund + stock return)
 * records its progress here: receipt_started_at (amounts fixed, the receipt may be resumed),
 * claimed_until (a request or the reconcile job is driving it), refund_id (payments confirmed the
 * refund), stock_returned_at (catalog took the units back).
 */
export class Returns1733400000000 implements MigrationInterface {
  name = 'Returns1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE return_requests (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        user_id uuid,
        status text NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'REFUNDED')),
        reason text NOT NULL,
        currency_code char(3) NOT NULL,
        refund_cents bigint CHECK (refund_cents >= 0),
        receipt_started_at timestamptz,
        claimed_until timestamptz,
        refund_id uuid,
        stock_returned_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX return_requests_order ON return_requests (order_id, seq)');
    await q.query(`CREATE INDEX return_requests_unfinished ON return_requests (claimed_until) WHERE status = 'APPROVED' AND receipt_started_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE return_lines (
        return_id uuid NOT NULL REFERENCES return_requests (id) ON DELETE CASCADE,
        order_line_id uuid NOT NULL REFERENCES order_lines (id) ON DELETE CASCADE,
        position int NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        goods_refund_cents bigint CHECK (goods_refund_cents >= 0),
        tax_refund_cents bigint CHECK (tax_refund_cents >= 0),
        PRIMARY KEY (return_id, order_line_id)
      )`);
    await q.query('CREATE INDEX return_lines_order_line ON return_lines (order_line_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE return_lines, return_requests');
  }
}
