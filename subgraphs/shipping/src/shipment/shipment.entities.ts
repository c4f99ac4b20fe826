import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ShipmentStatus } from './shipment-status';

@Entity('shipments')
export class ShipmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Creation order: an order's shipments oldest first, the newest of a tracking number. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  /** The orders subgraph's order id (no foreign key across databases). */
  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ type: 'text' })
  carrier!: string;

  @Column({ name: 'tracking_number', type: 'text' })
  trackingNumber!: string;

  @Column({ type: 'text' })
  status!: ShipmentStatus;

  /** YYYY-MM-DD. */
  @Column({ name: 'estimated_delivery', type: 'date', nullable: true })
  estimatedDelivery!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** The staff member who created it. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One tracking event of a shipment, in the order they happened. */
@Entity('shipment_events')
export class ShipmentEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

  @Column({ type: 'text' })
  status!: ShipmentStatus;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

export const ShipmentEntities = [ShipmentEntity, ShipmentEventEntity];
