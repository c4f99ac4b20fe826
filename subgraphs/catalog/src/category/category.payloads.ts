import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import { Category } from './category.type';
import type { CategoryRow } from './taxonomy';

@ObjectType({ description: 'A category after createCategory.' })
export class CategoryPayload {
  @Field(() => Category, { nullable: true, description: 'The new category; null when userErrors is not empty (then nothing changed).' })
  category!: CategoryRow | null;

  @Field(() => [UserError], { description: 'Why nothing changed: INVALID (name, slug, description, image URL, depth), TAKEN (slug), NOT_FOUND (parentSlug).' })
  userErrors!: UserError[];
}
