import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationChannelValue = 'EMAIL' | 'SMS';
/**
 * SENDING: claimed by a worker; shown to clients as QUEUED. SKIPPED: never sent, because the
 * recipient's preferences turn this kind of message off (`skipReason` says which).
 */
export type NotificationState = 'QUEUED' | 'SENDING' | 'SENT' | 'FAILED' | 'SKIPPED';

/** One message to a person: what was (or will be) sent, through which channel, and how it went. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Insertion order: the keyset of the per-user listing. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  /** Null for a guest (an order placed without an account). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text' })
  channel!: NotificationChannelValue;

  @Column({ type: 'text' })
  template!: string;

  /** An e-mail address or an E.164 phone number. */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  /** The text as sent, except that a one-time token appears as the placeholder {{secret}}. */
  @Column({ type: 'text' })
  body!: string;

  /** The one-time token put into the body when sending; cleared once sent or failed. */
  @Column({ type: 'text', nullable: true })
  secret!: string | null;

  @Column({ type: 'text', default: 'QUEUED' })
  status!: NotificationState;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Why a SKIPPED notification was not sent, e.g. "SMS for ORDERS is off (default)". */
  @Column({ name: 'skip_reason', type: 'text', nullable: true })
  skipReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
