import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../../../../platform/auth/roles';
import { SelfOrStaff } from '../../../../platform/graphql/authorization';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import { Gender } from './gender';
import { PRIVATE, PUBLIC_PROFILE } from './user.cache-hints';

@Directive('@key(fields: "id")')
@Directive(PUBLIC_PROFILE)
@ObjectType({ description: "A customer or staff account. Other people's accounts show only id and name; the rest is private." })
export class User {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'The name shown on reviews and greetings. Public.' })
  name!: string;

  @SelfOrStaff()
  @Directive(PRIVATE)
  @Field({ description: 'Sign-in e-mail address. Private: FORBIDDEN for anyone but the owner and staff.' })
  email!: string;

  @SelfOrStaff()
  @Directive(PRIVATE)
  @Field(() => String, { nullable: true, description: 'Date of birth, YYYY-MM-DD. Private.' })
  dateOfBirth!: string | null;

  @SelfOrStaff()
  @Directive(PRIVATE)
  @Field(() => Gender, { nullable: true, description: 'Private.' })
  gender!: Gender | null;

  @SelfOrStaff()
  @Directive(PRIVATE)
  @Field({ description: 'Whether the customer receives the newsletter. Private.' })
  subscribedToNewsletter!: boolean;

  @SelfOrStaff()
  @Directive(PRIVATE)
  @Field(() => [Role], { description: 'What the account may do. Private.' })
  roles!: Role[];

  @SelfOrStaff()
  @Directive(PRIVATE)
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the e-mail address was confirmed; null until then. Private.' })
  emailVerifiedAt!: Date | null;

  @SelfOrStaff()
  @Directive(PRIVATE)
  @Field(() => DateTimeScalar, { description: 'When the account was created. Private.' })
  createdAt!: Date;
}
