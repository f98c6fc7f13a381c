/**
 * The installation's settings an account changes in the app: the privacy notice. Reading it is
 * public (the join page links it before anyone has an account or token); writing it needs a
 * signed-in account.
 */
import type { FastifyInstance } from 'fastify';
import { type PrivacyNotice, UpdatePrivacyNoticeRequest } from '../../shared/api';
import { requireAccount } from './authn';
import type { ApiContext } from './context';
import { parseInput } from './errors';

export function registerSettingsRoutes(api: FastifyInstance, ctx: ApiContext): void {
  const { store } = ctx;

  const read = async (): Promise<PrivacyNotice> => {
    const stored = await store.settings.get('privacyNotice');
    return { text: stored?.value ?? null, updatedAt: stored?.updatedAt ?? null };
  };

  api.get('/privacy', async (): Promise<PrivacyNotice> => read());

  api.put('/privacy', async (req): Promise<PrivacyNotice> => {
    const account = await requireAccount(req, store);
    const { text } = parseInput(UpdatePrivacyNoticeRequest, req.body);
    // Line ends as typed on any system; an empty notice restores the built-in one.
    const value = text.replace(/\r\n?/g, '\n').trim();
    await store.settings.set('privacyNotice', value === '' ? null : value, account.id, new Date().toISOString());
    return read();
  });
}
