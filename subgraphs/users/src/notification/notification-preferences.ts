import type { NotificationChannelValue } from './notification.entity';
import { NotificationKind } from './notification-kind';
import type { TemplateName } from './notification.templates';

/**
 * Which notifications a customer receives: the rules, apart from storage and GraphQL.
 *
 * - A customer chooses per channel and kind (PREFERENCE_OPTIONS: five combinations; marketing by
 *   text message does not exist). Until they choose, the default applies: e-mail about orders and
 *   shipping on, marketing e-mail off, every text message off (a text message needs an opt-in).
 *   Only choices are stored, so a default that changes applies to everyone who never chose.
 * - Each message is TRANSACTIONAL (always sent) or of a kind whose preference decides (MESSAGE_KIND).
 *   Transactional: the welcome and e-mail verification mails, the password reset, the order receipt
 *   (order-confirmed by e-mail), the refund receipt and the answers to a return request. The order
 *   confirmation by text message is ORDERS.
 * - Guests have no preferences: the defaults apply to them.
 * - The decision is taken when the event is consumed; a message it suppresses is recorded as SKIPPED
 *   with the reason, never silently dropped.
 */

export interface PreferenceOption {
  channel: NotificationChannelValue;
  kind: NotificationKind;
  enabledByDefault: boolean;
}

/** Every combination a customer can choose, in the order they are listed. */
export const PREFERENCE_OPTIONS: readonly PreferenceOption[] = [
  { channel: 'EMAIL', kind: NotificationKind.ORDERS, enabledByDefault: true },
  { channel: 'EMAIL', kind: NotificationKind.SHIPPING, enabledByDefault: true },
  { channel: 'EMAIL', kind: NotificationKind.MARKETING, enabledByDefault: false },
  { channel: 'SMS', kind: NotificationKind.ORDERS, enabledByDefault: false },
  { channel: 'SMS', kind: NotificationKind.SHIPPING, enabledByDefault: false },
];

export function preferenceOption(channel: string, kind: string): PreferenceOption | undefined {
  return PREFERENCE_OPTIONS.find((o) => o.channel === channel && o.kind === kind);
}

export const TRANSACTIONAL = 'TRANSACTIONAL';
export type MessageKind = NotificationKind | typeof TRANSACTIONAL;

/**
 * What each template is, per channel: TRANSACTIONAL or the kind whose preference decides. A template
 * with a text-message form names its SMS kind (a text message is never transactional); one without
 * an SMS entry is never sent by text message.
 */
export const MESSAGE_KIND: Record<TemplateName, { EMAIL: MessageKind; SMS?: NotificationKind }> = {
  welcome: { EMAIL: TRANSACTIONAL },
  'password-reset': { EMAIL: TRANSACTIONAL },
  'email-verification': { EMAIL: TRANSACTIONAL },
  'order-confirmed': { EMAIL: TRANSACTIONAL, SMS: NotificationKind.ORDERS },
  'order-cancelled': { EMAIL: NotificationKind.ORDERS },
  'shipment-update': { EMAIL: NotificationKind.SHIPPING, SMS: NotificationKind.SHIPPING },
  'refund-issued': { EMAIL: TRANSACTIONAL },
  'cart-abandoned': { EMAIL: NotificationKind.MARKETING },
  // the answer to the customer's own return request (approved, rejected, refunded): a receipt
  'return-update': { EMAIL: TRANSACTIONAL },
};

/** A stored choice. */
export interface PreferenceChoice {
  channel: NotificationChannelValue;
  kind: NotificationKind;
  enabled: boolean;
}

/** One combination as it applies to a customer: their choice, or the default (`isDefault`). */
export interface ResolvedPreference extends PreferenceChoice {
  isDefault: boolean;
}

/** Every combination for a customer with these stored choices (none for a guest). */
export function resolvePreferences(choices: readonly PreferenceChoice[]): ResolvedPreference[] {
  return PREFERENCE_OPTIONS.map((o) => {
    const chosen = choices.find((c) => c.channel === o.channel && c.kind === o.kind);
    return { channel: o.channel, kind: o.kind, enabled: chosen ? chosen.enabled : o.enabledByDefault, isDefault: !chosen };
  });
}

export type Delivery = { send: true } | { send: false; reason: string };

/** The kind of preference that decides whether this message goes out (TRANSACTIONAL: none), or null when the channel has no such message. */
export function messageKind(channel: NotificationChannelValue, template: TemplateName): MessageKind | null {
  return MESSAGE_KIND[template][channel] ?? null;
}

/** Whether a message of `template` goes out by `channel` to a customer with these choices. */
export function deliveryFor(channel: NotificationChannelValue, template: TemplateName, choices: readonly PreferenceChoice[]): Delivery {
  const kind = messageKind(channel, template);
  if (kind === TRANSACTIONAL) return { send: true };
  if (!kind) return { send: false, reason: `${template} is not sent by ${channel}` };
  const preference = resolvePreferences(choices).find((p) => p.channel === channel && p.kind === kind);
  if (preference?.enabled) return { send: true };
  return { send: false, reason: `${channel} for ${kind} is off (${preference && !preference.isDefault ? "the customer's choice" : 'default'})` };
}
