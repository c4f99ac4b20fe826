import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What shipping knows of an order, from the orders' events: whom to notify and whether it may ship. */
@Entity('order_refs')
export class OrderRefEntity {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text' })
  email!: string;

  /** E.164, when the customer gave one. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text' })
  status!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
