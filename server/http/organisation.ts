/**
 * The caller's organisation and its staff. Every staff account reads its organisation; its
 * administrators rename it and manage its staff: add a colleague (who gets a one-time link to set
 * their password), change a role — never leaving the organisation without an administrator —, and
 * make a new link for a colleague who lost theirs. Staff of another organisation do not exist here.
 */
import type { FastifyInstance } from 'fastify';
import { AddStaffRequest, ChangeRoleRequest, type OrganisationInfo, RenameOrganisationRequest, type StaffMember, type StaffResponse, type StaffSetupLink } from '../../shared/api';
import { ErrorId } from '../../shared/errors';
import { createAccountSetupLink } from '../auth/bootstrap';
import { NO_PASSWORD } from '../auth/passwords';
import { StoreConflictError } from '../store/errors';
import type { Account, Organisation } from '../store/types';
import { requireAccount } from './authn';
import type { ApiContext } from './context';
import { ApiError, notFound, parseInput, unauthenticated } from './errors';
import { baseUrlOf } from './exports';
import { toStaffMember } from './views';

const toOrganisationInfo = (o: Organisation): OrganisationInfo => ({ id: o.id, name: o.name });

export const adminRequired = () => new ApiError(403, ErrorId.roleRequired, 'Only an administrator of the organisation may do that');

export function registerOrganisationRoutes(api: FastifyInstance, ctx: ApiContext): void {
  const { store, config } = ctx;

  const organisationOf = async (account: Account): Promise<Organisation> => {
    const organisation = await store.organisations.findById(account.organisationId);
    if (!organisation) throw unauthenticated('Please log in');
    return organisation;
  };

  const requireAdmin = async (req: Parameters<typeof requireAccount>[0]): Promise<Account> => {
    const account = await requireAccount(req, store);
    if (account.role !== 'admin') throw adminRequired();
    return account;
  };

  /** A colleague of the administrator's organisation; 404 for anyone else. */
  const colleague = async (admin: Account, id: string): Promise<Account> => {
    const account = await store.accounts.findById(id);
    if (!account || account.organisationId !== admin.organisationId) throw notFound('No colleague with this id');
    return account;
  };

  api.get('/organisation', async (req): Promise<{ organisation: OrganisationInfo }> => {
    const account = await requireAccount(req, store);
    return { organisation: toOrganisationInfo(await organisationOf(account)) };
  });

  api.patch('/organisation', async (req): Promise<{ organisation: OrganisationInfo }> => {
    const admin = await requireAdmin(req);
    const { name } = parseInput(RenameOrganisationRequest, req.body);
    if (!(await store.organisations.rename(admin.organisationId, name))) throw unauthenticated('Please log in');
    req.log.info({ organisationId: admin.organisationId, accountId: admin.id }, 'organisation renamed');
    return { organisation: toOrganisationInfo(await organisationOf(admin)) };
  });

  api.get('/organisation/staff', async (req): Promise<StaffResponse> => {
    const admin = await requireAdmin(req);
    const staff = await store.accounts.listInOrganisation(admin.organisationId);
    return { organisation: toOrganisationInfo(await organisationOf(admin)), staff: staff.map(toStaffMember) };
  });

  api.post('/organisation/staff', async (req, reply): Promise<StaffSetupLink> => {
    const admin = await requireAdmin(req);
    const input = parseInput(AddStaffRequest, req.body);
    let account: Account;
    try {
      account = await store.accounts.create({ email: input.email, displayName: input.displayName, passwordHash: NO_PASSWORD, organisationId: admin.organisationId, role: input.role });
    } catch (err) {
      if (err instanceof StoreConflictError) throw new ApiError(409, ErrorId.emailTaken, 'An account with this email exists already', 'email');
      throw err;
    }
    const link = await createAccountSetupLink(store, account.id, baseUrlOf(req, config));
    req.log.info({ organisationId: admin.organisationId, accountId: account.id, role: account.role, by: admin.id }, 'colleague added');
    reply.code(201);
    return { member: toStaffMember(account), ...link };
  });

  api.patch<{ Params: { id: string } }>('/organisation/staff/:id', async (req): Promise<{ member: StaffMember }> => {
    const admin = await requireAdmin(req);
    const target = await colleague(admin, req.params.id);
    const { role } = parseInput(ChangeRoleRequest, req.body);
    const result = await store.accounts.setRole(target.id, role);
    if (result === 'not_found') throw notFound('No colleague with this id');
    if (result === 'last_admin') throw new ApiError(409, ErrorId.lastAdmin, 'The organisation needs at least one administrator; make someone else administrator first', 'role');
    req.log.info({ organisationId: admin.organisationId, accountId: target.id, role, by: admin.id }, 'role changed');
    return { member: toStaffMember({ ...target, role }) };
  });

  api.post<{ Params: { id: string } }>('/organisation/staff/:id/setup-link', async (req, reply): Promise<StaffSetupLink> => {
    const admin = await requireAdmin(req);
    const target = await colleague(admin, req.params.id);
    const link = await createAccountSetupLink(store, target.id, baseUrlOf(req, config));
    req.log.info({ organisationId: admin.organisationId, accountId: target.id, by: admin.id }, 'new setup link for a colleague');
    reply.code(201);
    return { member: toStaffMember(target), ...link };
  });
}
