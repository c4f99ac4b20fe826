import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RateKind } from './zone-row';

/** Countries (ISO 3166-1 alpha-2), optionally narrowed to postal codes starting with one of the prefixes. */
@Entity('shipping_zones')
export class ShippingZoneEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'country_codes', type: 'text', array: true })
  countryCodes!: string[];

  @Column({ name: 'postal_prefixes', type: 'text', array: true, default: () => "'{}'" })
  postalPrefixes!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A way to ship to a zone: flat, or by weight (ShippingRateTierEntity); free from `freeOverSubtotal` when set. */
@Entity('shipping_methods')
export class ShippingMethodEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId!: string;

  @Column({ type: 'text' })
  carrier!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'estimated_days_min', type: 'integer' })
  estimatedDaysMin!: number;

  @Column({ name: 'estimated_days_max', type: 'integer' })
  estimatedDaysMax!: number;

  @Column({ name: 'currency_code', type: 'char', length: 3, default: 'USD' })
  currencyCode!: string;

  @Column({ name: 'rate_kind', type: 'text' })
  rateKind!: RateKind;

  /** A decimal string such as "5.99". */
  @Column({ name: 'flat_price', type: 'numeric', precision: 12, scale: 2, nullable: true })
  flatPrice!: string | null;

  @Column({ name: 'free_over_subtotal', type: 'numeric', precision: 12, scale: 2, nullable: true })
  freeOverSubtotal!: string | null;

  @Column({ name: 'is_active', default: true })
  isActive!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One weight band of a WEIGHT_TIERED method: carts up to `maxWeightKg` cost `price`. */
@Entity('shipping_rate_tiers')
export class ShippingRateTierEntity {
  @PrimaryColumn({ name: 'method_id', type: 'uuid' })
  methodId!: string;

  /** Kilograms, a decimal string such as "2.500". */
  @PrimaryColumn({ name: 'max_weight_kg', type: 'numeric', precision: 10, scale: 3 })
  maxWeightKg!: string;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  price!: string;
}

export const ZoneEntities = [ShippingZoneEntity, ShippingMethodEntity, ShippingRateTierEntity];
