import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ProductStatus } from './product-status';

/** Columns only; the generated ones (effective_price, search_vector) are read with SQL. */
@Entity('products')
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Insertion order: the tie-breaker of every product ordering and the NEWEST key. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column()
  sku!: string;

  @Column()
  slug!: string;

  @Column()
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'short_description', type: 'text', nullable: true })
  shortDescription!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  price!: string;

  @Column({ name: 'sale_price', type: 'numeric', precision: 12, scale: 2, nullable: true })
  salePrice!: string | null;

  @Column({ name: 'currency_code', type: 'char', length: 3, default: 'USD' })
  currencyCode!: string;

  @Column({ type: 'text', default: 'DRAFT' })
  status!: ProductStatus;

  @Column({ type: 'jsonb', default: {} })
  attributes!: Record<string, unknown>;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  images!: string[];

  @Column({ type: 'numeric', precision: 10, scale: 3, nullable: true })
  weight!: string | null;

  @Column({ type: 'text', nullable: true })
  dimensions!: string | null;

  @Column({ name: 'brand_id', type: 'uuid', nullable: true })
  brandId!: string | null;

  @Column({ name: 'average_rating', type: 'numeric', precision: 3, scale: 2, nullable: true })
  averageRating!: string | null;

  @Column({ name: 'review_count', type: 'integer', default: 0 })
  reviewCount!: number;

  @Column({ name: 'units_sold', type: 'integer', default: 0 })
  unitsSold!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('product_categories')
export class ProductCategoryEntity {
  @PrimaryColumn({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @PrimaryColumn({ name: 'category_id', type: 'uuid' })
  categoryId!: string;

  @Column({ type: 'integer', default: 0 })
  position!: number;
}
