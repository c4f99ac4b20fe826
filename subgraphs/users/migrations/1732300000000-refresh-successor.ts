import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rotated refresh token keeps its successor sealed (AES-256-GCM under a key derived from the
 * rotated token itself), so a concurrent refresh with the same token can be answered with the
 * tokens already issued during a short grace window. The database alone cannot open it.
 */
export class RefreshSuccessor1732300000000 implements MigrationInterface {
  name = 'RefreshSuccessor1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE refresh_tokens ADD COLUMN successor_id uuid REFERENCES refresh_tokens (id) ON DELETE SET NULL');
    await q.query('ALTER TABLE refresh_tokens ADD COLUMN successor_sealed text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE refresh_tokens DROP COLUMN successor_sealed');
    await q.query('ALTER TABLE refresh_tokens DROP COLUMN successor_id');
  }
}
