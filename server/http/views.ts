/** Turns store records into the response shapes of shared/api.ts (and nothing more). */
import type { ColleagueSession, SessionForModerator, SessionPublic, StaffMember, UserInfo } from '../../shared/api';
import { NO_PASSWORD } from '../auth/passwords';
import type { Account, SessionRecord } from '../store/types';

export function toUserInfo(account: Account): UserInfo {
  return { id: account.id, email: account.email, displayName: account.displayName };
}

export function toStaffMember(account: Account): StaffMember {
  return { ...toUserInfo(account), role: account.role, createdAt: account.createdAt, passwordSet: account.passwordHash !== NO_PASSWORD };
}

/** A colleague's session for the dashboard list of the organisation (no codes). */
export function toColleagueSession(s: SessionRecord, accountOf: (id: string) => Account | undefined): ColleagueSession {
  const creator = accountOf(s.createdBy);
  const coModerators = s.coModeratorIds.flatMap((id) => {
    const account = accountOf(id);
    return account ? [toUserInfo(account)] : [];
  });
  return { ...toSessionPublic(s), createdBy: creator ? toUserInfo(creator) : null, coModerators };
}

export function toSessionPublic(s: SessionRecord): SessionPublic {
  return { id: s.id, title: s.title, kind: s.kind, date: s.date, template: s.template, createdAt: s.createdAt, archivedAt: s.archivedAt };
}

/** `accountOf` looks up the co-moderators' accounts (one that no longer exists is left out). */
export function toSessionForModerator(s: SessionRecord, accountOf: (id: string) => Account | undefined): SessionForModerator {
  const coModerators = s.coModeratorIds.flatMap((id) => {
    const account = accountOf(id);
    return account ? [toUserInfo(account)] : [];
  });
  return { ...toSessionPublic(s), joinCode: s.joinCode, observerCode: s.observerCode, createdBy: s.createdBy, coModerators, minutes: { ...s.minutes } };
}
