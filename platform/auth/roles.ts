/** What an account may do (its GraphQL enum is registered in platform/graphql/role-enum.ts). */
export enum Role {
  CUSTOMER = 'CUSTOMER',
  ADMIN = 'ADMIN',
}

/** The caller as verified by the gateway. */
export interface Identity {
  userId: string;
  roles: Role[];
  /** The session (refresh-token family) the access token belongs to. */
  sessionId: string;
}
