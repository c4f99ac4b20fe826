import { Directive, Field, ID, ObjectType, UseMiddleware, registerEnumType, type MiddlewareFn } from 'type-graphql';
import { Role } from '../../../../platform/auth/roles';
import { forbidden } from '../../../../platform/graphql/auth-checker';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import type { UsersContext } from '../context';
import { PRIVATE, PUBLIC_PROFILE } from './user.cache-hints';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
  OTHER = 'OTHER',
}
registerEnumType(Gender, {
  name: 'Gender',
  description: 'Gender as the customer chose to state it.',
  valuesConfig: {
    MALE: { description: 'Male.' },
    FEMALE: { description: 'Female.' },
    OTHER: { description: 'Another gender, or one the customer prefers not to name.' },
  },
});

/** Private fields: only the user themself and staff may read them. */
export const SelfOrStaff: MiddlewareFn<UsersContext> = ({ root, context }, next) => {
  const viewer = context.identity;
  if (viewer && (viewer.userId === (root as User).id || viewer.roles.includes(Role.ADMIN))) return next();
  throw forbidden("Only the account's owner and staff can read this field");
};

@Directive('@key(fields: "id")')
@Directive(PUBLIC_PROFILE)
@ObjectType({ description: "A customer or staff account. Other people's accounts show only id and name; the rest is private." })
export class User {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'The name shown on reviews and greetings. Public.' })
  name!: string;

  @UseMiddleware(SelfOrStaff)
  @Directive(PRIVATE)
  @Field({ description: 'Sign-in e-mail address. Private: FORBIDDEN for anyone but the owner and staff.' })
  email!: string;

  @UseMiddleware(SelfOrStaff)
  @Directive(PRIVATE)
  @Field(() => String, { nullable: true, description: 'Date of birth, YYYY-MM-DD. Private.' })
  dateOfBirth!: string | null;

  @UseMiddleware(SelfOrStaff)
  @Directive(PRIVATE)
  @Field(() => Gender, { nullable: true, description: 'Private.' })
  gender!: Gender | null;

  @UseMiddleware(SelfOrStaff)
  @Directive(PRIVATE)
  @Field({ description: 'Whether the customer receives the newsletter. Private.' })
  subscribedToNewsletter!: boolean;

  @UseMiddleware(SelfOrStaff)
  @Directive(PRIVATE)
  @Field(() => [Role], { description: 'What the account may do. Private.' })
  roles!: Role[];

  @UseMiddleware(SelfOrStaff)
  @Directive(PRIVATE)
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the e-mail address was confirmed; null until then. Private.' })
  emailVerifiedAt!: Date | null;

  @UseMiddleware(SelfOrStaff)
  @Directive(PRIVATE)
  @Field(() => DateTimeScalar, { description: 'When the account was created. Private.' })
  createdAt!: Date;
}
