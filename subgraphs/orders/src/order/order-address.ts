/** A postal address as an order keeps it (a copy: later edits of the customer's address book do not change it). */
export interface OrderAddressData {
  street: string;
  city: string;
  state: string | null;
  postalCode: string;
  country: string;
  deliveryInstructions: string | null;
}
