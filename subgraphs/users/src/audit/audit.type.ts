import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';

@ObjectType({ description: 'A security-relevant event on an account: sign-ins, failures, password changes, resets.' })
export class SecurityEvent {
  @Field(() => ID, { description: 'Identifier of the event (increasing with time).' })
  id!: string;

  @Field({ description: 'REGISTERED, LOGIN_SUCCEEDED, LOGIN_FAILED, LOGOUT, TOKEN_REFRESHED, REFRESH_TOKEN_REUSED, PASSWORD_CHANGED, PASSWORD_RESET_REQUESTED, PASSWORD_RESET, EMAIL_VERIFIED, ROLES_CHANGED.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'The client address the request came from.' })
  ip!: string | null;

  @Field(() => String, { nullable: true, description: 'The client software that sent the request.' })
  userAgent!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it happened (ISO 8601).' })
  createdAt!: Date;
}
