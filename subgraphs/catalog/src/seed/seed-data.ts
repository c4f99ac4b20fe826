/** The demo shop's catalog vocabulary: a category tree on three levels, brands, and product words per leaf category. */

export interface SeedCategory {
  name: string;
  children?: SeedCategory[];
  /** Leaf categories: product kinds sold there. */
  kinds?: string[];
}

export const CATEGORY_TREE: SeedCategory[] = [
  {
    name: 'Electronics',
    children: [
      {
        name: 'Audio',
        children: [
          { name: 'Headphones', kinds: ['Over-Ear Headphones', 'In-Ear Earbuds', 'Studio Monitor Headphones', 'Sports Earphones'] },
          { name: 'Speakers', kinds: ['Bluetooth Speaker', 'Bookshelf Speakers', 'Smart Speaker', 'Soundbar'] },
        ],
      },
      {
        name: 'Computers',
        children: [
          { name: 'Keyboards & Mice', kinds: ['Mechanical Keyboard', 'Wireless Mouse', 'Ergonomic Keyboard', 'Gaming Mouse'] },
          { name: 'Monitors', kinds: ['4K Monitor', 'Ultrawide Monitor', 'Portable Monitor', 'Gaming Monitor'] },
        ],
      },
    ],
  },
  {
    name: 'Home & Kitchen',
    children: [
      {
        name: 'Kitchen',
        children: [
          { name: 'Cookware', kinds: ['Cast Iron Skillet', 'Nonstick Frying Pan', 'Stock Pot', 'Dutch Oven'] },
          { name: 'Coffee & Tea', kinds: ['Pour-Over Kettle', 'French Press', 'Espresso Grinder', 'Tea Infuser'] },
        ],
      },
      {
        name: 'Lighting',
        children: [
          { name: 'Desk Lamps', kinds: ['LED Desk Lamp', 'Architect Lamp', 'Clip-On Lamp', 'Reading Light'] },
          { name: 'Ceiling Lights', kinds: ['Pendant Light', 'Flush Mount Light', 'Track Light', 'Chandelier'] },
        ],
      },
    ],
  },
  {
    name: 'Sports & Outdoors',
    children: [
      {
        name: 'Camping',
        children: [
          { name: 'Tents', kinds: ['Backpacking Tent', 'Family Tent', 'Pop-Up Shelter', 'Bivy Sack'] },
          { name: 'Sleeping Gear', kinds: ['Down Sleeping Bag', 'Sleeping Pad', 'Camping Pillow', 'Travel Hammock'] },
        ],
      },
      {
        name: 'Fitness',
        children: [
          { name: 'Yoga', kinds: ['Yoga Mat', 'Yoga Block', 'Stretch Strap', 'Meditation Cushion'] },
          { name: 'Weights', kinds: ['Adjustable Dumbbell', 'Kettlebell', 'Weight Plate Set', 'Resistance Bands'] },
        ],
      },
    ],
  },
];

export const BRANDS = ['Acme', 'Northwind', 'Lumen', 'Ferro', 'Atlas', 'Kestrel', 'Oakline', 'Sonique', 'Vireo', 'Tundra'];

export const ADJECTIVES = ['Classic', 'Pro', 'Compact', 'Essential', 'Premium', 'Eco', 'Ultra', 'Everyday', 'Signature'];

export const COLORS = ['black', 'white', 'graphite', 'navy', 'sand', 'forest green', 'red', 'silver'];

export const MATERIALS = ['aluminium', 'steel', 'recycled plastic', 'oak', 'bamboo', 'nylon', 'cotton', 'cast iron'];

export const REVIEW_TITLES: Record<number, string[]> = {
  1: ['Disappointed', 'Broke quickly', 'Not as described'],
  2: ['Could be better', 'Meh', 'Some problems'],
  3: ['Does the job', 'Average', 'Okay for the price'],
  4: ['Very good', 'Solid choice', 'Happy with it'],
  5: ['Excellent!', 'Love it', 'Best purchase this year'],
};

export const REVIEW_TEXTS: Record<number, string[]> = {
  1: ['It stopped working after a week and support was slow.', 'The finish was scratched out of the box.'],
  2: ['Works, but the build quality is lower than I hoped.', 'Smaller than the pictures suggest.'],
  3: ['It does what it says. Nothing more, nothing less.', 'Fine for everyday use, a bit noisy.'],
  4: ['Well made and easy to use. Delivery was quick.', 'Great value; one small niggle with the instructions.'],
  5: ['Exactly what I needed, beautifully made.', 'Outstanding quality. I would buy it again without hesitation.'],
};
