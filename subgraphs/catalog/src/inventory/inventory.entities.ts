import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('warehouses')
export class WarehouseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column()
  code!: string;

  @Column()
  name!: string;

  @Column({ name: 'is_default', default: false })
  isDefault!: boolean;

  /** Reservations take stock from warehouses in ascending priority (the default one first). */
  @Column({ type: 'integer', default: 100 })
  priority!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Stock of one product in one warehouse. CHECK constraints keep 0 <= reserved <= on_hand. */
@Entity('stock_levels')
export class StockLevelEntity {
  @PrimaryColumn({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @PrimaryColumn({ name: 'warehouse_id', type: 'uuid' })
  warehouseId!: string;

  @Column({ name: 'on_hand', type: 'integer', default: 0 })
  onHand!: number;

  @Column({ type: 'integer', default: 0 })
  reserved!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export type StockMovementType = 'ADJUSTMENT' | 'RESERVATION' | 'RELEASE' | 'SALE' | 'RETURN';

/** The ledger: one row for every change of a stock level. */
@Entity('stock_movements')
export class StockMovementEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ name: 'warehouse_id', type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'text' })
  type!: StockMovementType;

  /** Signed change: of on-hand for ADJUSTMENT, SALE and RETURN; of reserved for RESERVATION and RELEASE. */
  @Column({ type: 'integer' })
  quantity!: number;

  @Column()
  reason!: string;

  @Column({ name: 'reference_id', type: 'text', nullable: true })
  referenceId!: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export type ReservationStatus = 'HELD' | 'COMMITTED' | 'RELEASED';

@Entity('stock_reservations')
export class StockReservationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column()
  reference!: string;

  @Column({ type: 'text', default: 'HELD' })
  status!: ReservationStatus;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'closed_reason', type: 'text', nullable: true })
  closedReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('stock_reservation_lines')
export class StockReservationLineEntity {
  @PrimaryColumn({ name: 'reservation_id', type: 'uuid' })
  reservationId!: string;

  @PrimaryColumn({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @PrimaryColumn({ name: 'warehouse_id', type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'integer' })
  quantity!: number;
}

/** Returned goods already put back, by reference: a retried return changes nothing. */
@Entity('stock_returns')
export class StockReturnEntity {
  @PrimaryColumn()
  reference!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const InventoryEntities = [
  WarehouseEntity,
  StockLevelEntity,
  StockMovementEntity,
  StockReservationEntity,
  StockReservationLineEntity,
  StockReturnEntity,
];
