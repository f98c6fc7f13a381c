/**
 * A Lenkungskreis member binds a second device from a signed-in one (real server, real SQLite):
 * a short-lived, single-use link; each device holds its own token and is revoked on its own.
 */
import { describe, expect, it } from 'vitest';
import type { CreatedInvitation, LenkungskreisDeviceLink, LenkungskreisDevicesResponse, LenkungskreisJoinResponse, MemberResponse } from '../../shared/decisionApi';
import type { ApiErrorBody } from '../../shared/errors';
import { api } from '../test/decisionSeed';
import { login, useRealServers } from '../test/harness';
import { DEVICE_LINK_TTL_MS } from './lenkungskreis';

const { start } = useRealServers();
const errorId = (r: { body: unknown }) => (r.body as ApiErrorBody).error?.id;

describe('Lenkungskreis devices', () => {
  it('a signed-in device adds a second one, and each is revoked on its own', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const inv = await api<CreatedInvitation>(srv.baseUrl, 'POST', '/lenkungskreis/invitations', { cookie }, { label: 'Dezernentin Jugend' });
    const first = await api<LenkungskreisJoinResponse>(srv.baseUrl, 'POST', '/lenkungskreis/join', {}, { code: inv.body.code, name: 'Dr. Weber' });
    expect(first.status).toBe(201);
    const laptop = first.body.token;

    // Only a member's device makes links.
    expect((await api(srv.baseUrl, 'POST', '/lenkungskreis/me/device-links', { cookie })).status).toBe(403);
    expect((await api(srv.baseUrl, 'POST', '/lenkungskreis/me/device-links', { bearer: 'x'.repeat(43) })).status).toBe(401);

    const link = await api<LenkungskreisDeviceLink>(srv.baseUrl, 'POST', '/lenkungskreis/me/device-links', { bearer: laptop });
    expect(link.status).toBe(201);
    expect(link.body.url.endsWith(`/lenkungskreis/geraet#${link.body.code}`)).toBe(true);
    const ttl = Date.parse(link.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(DEVICE_LINK_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(DEVICE_LINK_TTL_MS);
    expect((await api<MemberResponse>(srv.baseUrl, 'GET', `/lenkungskreis/device/${link.body.code}`)).body.member.displayName).toBe('Dr. Weber');

    const second = await api<LenkungskreisJoinResponse>(srv.baseUrl, 'POST', '/lenkungskreis/device', {}, { code: link.body.code, label: 'Tablet' });
    expect(second.status).toBe(201);
    expect(second.body.member.id).toBe(first.body.member.id);
    const tablet = second.body.token;
    expect(tablet).not.toBe(laptop);
    // Single use.
    const again = await api(srv.baseUrl, 'POST', '/lenkungskreis/device', {}, { code: link.body.code, label: 'Mallory' });
    expect([again.status, errorId(again)]).toEqual([404, 'invalid_invitation']);
    expect((await api(srv.baseUrl, 'GET', `/lenkungskreis/device/${link.body.code}`)).status).toBe(404);

    // Both devices are the member, and both see the inbox.
    for (const token of [laptop, tablet]) {
      expect((await api<MemberResponse>(srv.baseUrl, 'GET', '/lenkungskreis/me', { bearer: token })).body.member.id).toBe(first.body.member.id);
      expect((await api(srv.baseUrl, 'GET', '/lenkungskreis/inbox', { bearer: token })).status).toBe(200);
    }
    const devices = await api<LenkungskreisDevicesResponse>(srv.baseUrl, 'GET', '/lenkungskreis/me/devices', { bearer: tablet });
    expect(devices.body.devices.map((d) => [d.label, d.current, d.revokedAt])).toEqual([
      ['', false, null],
      ['Tablet', true, null],
    ]);

    // The tablet revokes the laptop: the laptop is out, the tablet stays in.
    const laptopId = devices.body.devices[0]!.id;
    expect((await api(srv.baseUrl, 'DELETE', `/lenkungskreis/me/devices/${laptopId}`, { bearer: tablet })).status).toBe(204);
    expect((await api(srv.baseUrl, 'GET', '/lenkungskreis/me', { bearer: laptop })).status).toBe(401);
    expect((await api(srv.baseUrl, 'GET', '/lenkungskreis/me', { bearer: tablet })).status).toBe(200);
    expect((await api(srv.baseUrl, 'DELETE', `/lenkungskreis/me/devices/${laptopId}`, { bearer: tablet })).status).toBe(404);

    // Another member cannot revoke this member's devices.
    const inv2 = await api<CreatedInvitation>(srv.baseUrl, 'POST', '/lenkungskreis/invitations', { cookie }, { label: 'IHK' });
    const other = await api<LenkungskreisJoinResponse>(srv.baseUrl, 'POST', '/lenkungskreis/join', {}, { code: inv2.body.code, name: 'Herr Kaya' });
    const tabletId = devices.body.devices[1]!.id;
    expect((await api(srv.baseUrl, 'DELETE', `/lenkungskreis/me/devices/${tabletId}`, { bearer: other.body.token })).status).toBe(404);
    expect((await api(srv.baseUrl, 'GET', '/lenkungskreis/me', { bearer: tablet })).status).toBe(200);

    // Revoking the member (by the moderator) ends every device, and their open links.
    const spare = await api<LenkungskreisDeviceLink>(srv.baseUrl, 'POST', '/lenkungskreis/me/device-links', { bearer: tablet });
    expect((await api(srv.baseUrl, 'DELETE', `/lenkungskreis/members/${first.body.member.id}`, { cookie })).status).toBe(204);
    expect((await api(srv.baseUrl, 'GET', '/lenkungskreis/me', { bearer: tablet })).status).toBe(401);
    expect((await api(srv.baseUrl, 'POST', '/lenkungskreis/device', {}, { code: spare.body.code })).status).toBe(404);
  });

  it('an expired link binds nothing', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const inv = await api<CreatedInvitation>(srv.baseUrl, 'POST', '/lenkungskreis/invitations', { cookie }, { label: 'Schulamt' });
    const first = await api<LenkungskreisJoinResponse>(srv.baseUrl, 'POST', '/lenkungskreis/join', {}, { code: inv.body.code, name: 'Frau Ost' });
    const { hashToken } = await import('../auth/tokens');
    const past = new Date(Date.now() - 1000).toISOString();
    await srv.server.store.decisions.createDeviceLink(first.body.member.id, hashToken('e'.repeat(43)), past, past);
    const expired = await api(srv.baseUrl, 'POST', '/lenkungskreis/device', {}, { code: 'e'.repeat(43) });
    expect([expired.status, errorId(expired)]).toEqual([404, 'invalid_invitation']);
  });
});
