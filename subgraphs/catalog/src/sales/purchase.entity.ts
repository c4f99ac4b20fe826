import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** What a customer has bought, learnt from the orders' confirmation events: verified purchases. */
@Entity('purchases')
export class PurchaseEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ name: 'first_order_id' })
  firstOrderId!: string;

  @CreateDateColumn({ name: 'first_purchased_at', type: 'timestamptz' })
  firstPurchasedAt!: Date;
}
