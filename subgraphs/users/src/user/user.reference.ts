import type { UsersContext } from '../context';

/** Other subgraphs name a User by id; the request's DataLoader answers them all in one statement. */
export const userReference = {
  User: {
    __resolveReference: (reference: { id: string }, ctx: UsersContext) => ctx.loaders.userById.load(reference.id),
  },
};
