import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NotificationChannelValue } from './notification.entity';
import type { NotificationKind } from './notification-kind';

/** A choice a customer made: this channel for this kind on or off. Without a row, the default applies. */
@Entity('notification_preferences')
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  channel!: NotificationChannelValue;

  @PrimaryColumn({ type: 'text' })
  kind!: NotificationKind;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
