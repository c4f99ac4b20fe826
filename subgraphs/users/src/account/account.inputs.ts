import { Field, ID, InputType } from 'type-graphql';
import { Gender } from '../user/gender';

@InputType({ description: 'A new customer account.' })
export class RegisterInput {
  @Field({ description: 'Sign-in e-mail; must be unused (else EMAIL_TAKEN) and well-formed (else INVALID).' })
  email!: string;

  @Field({ description: 'At least 10 characters, not a well-known password (else WEAK_PASSWORD).' })
  password!: string;

  @Field({ description: '1 to 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, in the past.' })
  dateOfBirth?: string | null;

  @Field(() => Gender, { nullable: true, description: 'Optional.' })
  gender?: Gender | null;

  @Field(() => Boolean, { nullable: true, description: 'Default false.' })
  subscribedToNewsletter?: boolean | null;
}

@InputType({ description: 'E-mail and password; optionally a guest cart to merge into the customer\'s cart.' })
export class LoginInput {
  @Field({ description: 'The sign-in e-mail address (case-insensitive).' })
  email!: string;

  @Field({ description: 'The password.' })
  password!: string;

  @Field(() => ID, { nullable: true, description: "A guest cart whose lines move into the customer's active cart." })
  guestCartId?: string | null;
}

@InputType({ description: 'Profile fields to change; absent fields keep their value, null clears optional ones.' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: '1 to 200 characters.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, in the past.' })
  dateOfBirth?: string | null;

  @Field(() => Gender, { nullable: true, description: 'Null clears it.' })
  gender?: Gender | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether to receive the newsletter.' })
  subscribedToNewsletter?: boolean | null;
}

@InputType({ description: 'The current password and the new one.' })
export class ChangePasswordInput {
  @Field({ description: 'Wrong → INVALID_CREDENTIALS.' })
  currentPassword!: string;

  @Field({ description: 'Same rules as at registration (else WEAK_PASSWORD).' })
  newPassword!: string;
}
