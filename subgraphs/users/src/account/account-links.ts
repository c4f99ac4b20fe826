import { SECRET_PLACEHOLDER } from '../notification/notification.templates';

/**
 * A storefront page that receives a one-time token, e.g. `https://shop.example/reset-password?token=…`.
 * The token itself is put in by the sender (see SECRET_PLACEHOLDER).
 */
export function accountLink(storefrontUrl: string, page: 'reset-password' | 'verify-email'): string {
  return `${storefrontUrl.replace(/\/+$/, '')}/${page}?token=${SECRET_PLACEHOLDER}`;
}
