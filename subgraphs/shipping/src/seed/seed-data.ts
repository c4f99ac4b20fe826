/** The demo shop's shipping: fixed ids, so seeding twice finds what it made the first time. */
export interface SeedMethod {
  id: string;
  carrier: string;
  name: string;
  days: [number, number];
  flatPrice?: string;
  /** [max kg, price] */
  tiers?: [string, string][];
  freeOverSubtotal?: string;
}

export interface SeedZone {
  id: string;
  name: string;
  countryCodes: string[];
  postalPrefixes: string[];
  methods: SeedMethod[];
}

export const EU_COUNTRIES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];

const id = (n: number) => `00000000-0000-4000-8000-5${String(n).padStart(11, '0')}`;

export const SEED_ZONES: SeedZone[] = [
  {
    id: id(1),
    name: 'US West (ZIP codes 9xxxx)',
    countryCodes: ['US'],
    postalPrefixes: ['9'],
    methods: [
      { id: id(101), carrier: 'USPS', name: 'Standard', days: [2, 4], flatPrice: '4.99', freeOverSubtotal: '50.00' },
      { id: id(102), carrier: 'UPS', name: 'Express', days: [1, 2], tiers: [['1', '12.99'], ['5', '17.99'], ['20', '27.99']] },
    ],
  },
  {
    id: id(2),
    name: 'United States',
    countryCodes: ['US'],
    postalPrefixes: [],
    methods: [
      { id: id(201), carrier: 'USPS', name: 'Standard', days: [3, 6], flatPrice: '6.99', freeOverSubtotal: '50.00' },
      { id: id(202), carrier: 'UPS', name: 'Express', days: [1, 3], tiers: [['1', '15.99'], ['5', '21.99'], ['20', '34.99']] },
      { id: id(203), carrier: 'FedEx', name: 'Ground', days: [4, 7], tiers: [['2', '5.99'], ['10', '9.99'], ['30', '19.99']] },
    ],
  },
  {
    id: id(3),
    name: 'Thailand',
    countryCodes: ['TH'],
    postalPrefixes: [],
    methods: [
      { id: id(301), carrier: 'Thailand Post', name: 'EMS', days: [1, 3], flatPrice: '3.50', freeOverSubtotal: '40.00' },
      { id: id(302), carrier: 'Kerry Express', name: 'Next day', days: [1, 1], tiers: [['1', '2.50'], ['5', '4.00'], ['20', '8.00']] },
    ],
  },
  {
    id: id(4),
    name: 'European Union',
    countryCodes: EU_COUNTRIES,
    postalPrefixes: [],
    methods: [
      { id: id(401), carrier: 'DHL', name: 'Standard', days: [5, 10], tiers: [['2', '12.99'], ['10', '24.99'], ['30', '49.99']], freeOverSubtotal: '150.00' },
      { id: id(402), carrier: 'DHL', name: 'Express', days: [2, 4], flatPrice: '39.99' },
    ],
  },
];
