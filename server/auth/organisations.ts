import { nameText } from '../../shared/text';
import { Limits } from '../../shared/limits';
import { z } from 'zod';
import { StoreConflictError } from '../store/errors';
import type { Account, Organisation, Store } from '../store/types';
import { createAccountSetupLink } from './bootstrap';
import { NO_PASSWORD } from './passwords';
import { newId } from './tokens';

export const NewOrganisationInput = z.object({
  name: nameText(Limits.organisationNameMaxLength),
  adminEmail: z.string().trim().toLowerCase().email().max(254),
  adminName: nameText(Limits.displayNameMaxLength),
});
export type NewOrganisationInput = z.input<typeof NewOrganisationInput>;

/** Thrown when the input is not valid or the admin's email is taken; the message says which. */
export class OrganisationSetupError extends Error {}

/**
 * Creates an organisation with its first administrator (no password yet) and a one-time link for
 * them to set it (`base`: the app's public address). For operators of a service hosting many
 * organisations; nothing is written if the input is refused.
 */
export async function createOrganisationWithAdmin(
  store: Pick<Store, 'organisations' | 'accounts'>,
  input: NewOrganisationInput,
  base: string,
): Promise<{ organisation: Organisation; admin: Account; url: string; expiresAt: string }> {
  const parsed = NewOrganisationInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OrganisationSetupError(`${issue?.path.join('.') ?? 'input'}: ${issue?.message ?? 'invalid'}`);
  }
  const { name, adminEmail, adminName } = parsed.data;
  if (await store.accounts.findByEmail(adminEmail)) throw new OrganisationSetupError(`adminEmail: an account with ${adminEmail} exists already`);
  const organisation = await store.organisations.create({ id: newId(), name, createdAt: new Date().toISOString() });
  let admin: Account;
  try {
    admin = await store.accounts.create({ email: adminEmail, displayName: adminName, passwordHash: NO_PASSWORD, organisationId: organisation.id, role: 'admin' });
  } catch (err) {
    if (err instanceof StoreConflictError) throw new OrganisationSetupError(`adminEmail: an account with ${adminEmail} exists already`);
    throw err;
  }
  const link = await createAccountSetupLink(store, admin.id, base);
  return { organisation, admin, ...link };
}
