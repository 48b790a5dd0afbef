import { describe, expect, it } from 'vitest';
import { DEFAULT_ORGANISATION_ID } from '../../shared/organisations.ts';
import { DuplicateError, type MemberRecord, type NewCase, type NewUser } from '../../server/store/ports.ts';
import { useFreshStores, type MakeStores } from './fixture.ts';

const user = (id: string, username = id, role: NewUser['role'] = 'bedrijfsarts'): NewUser => ({
  id,
  username,
  name: `Dr. ${id}`,
  role,
  passwordHash: `scrypt$${id}`,
});

const newCase = (id: string): NewCase => ({
  id,
  title: `Case ${id}`,
  employeePseudonym: `W-${id}`,
  employer: 'Bouwbedrijf De Vries',
  firstSickDay: '2024-03-04',
  templateVersion: 1,
});

const byKey = (m: MemberRecord) => `${m.caseId}/${m.caseRole}`;
const sortMembers = (members: MemberRecord[]) => [...members].sort((a, b) => byKey(a).localeCompare(byKey(b)));
const ids = (records: { id: string }[]) => records.map((r) => r.id).sort();

/** The RecordStore rules every adapter keeps. */
export function recordStoreContract(name: string, makeStores: MakeStores): void {
  describe(`RecordStore contract: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const records = () => stores().records;

    async function seedCase(caseId: string, ba: string, va: string) {
      return records().createCase(newCase(caseId), [
        { caseId, userId: ba, caseRole: 'ba' },
        { caseId, userId: va, caseRole: 'va' },
      ]);
    }

    it('a created user is found by id and by username, with a creation time', async () => {
      const created = await records().createUser(user('u1', 'j.jansen'));
      expect(created).toEqual({
        ...user('u1', 'j.jansen'),
        createdAt: expect.any(String),
        deactivatedAt: null,
        sessionVersion: 0,
        organisationId: DEFAULT_ORGANISATION_ID,
        platformAdmin: false,
      });
      expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
      expect(await records().findUserById('u1')).toEqual(created);
      expect(await records().findUserByUsername('j.jansen')).toEqual(created);
      expect(await records().findUserById('nobody')).toBeNull();
      expect(await records().findUserByUsername('nobody')).toBeNull();
    });

    it('username lookup is case-insensitive', async () => {
      const created = await records().createUser(user('u1', 'j.jansen'));
      expect(await records().findUserByUsername('J.Jansen')).toEqual(created);
      expect(await records().findUserByUsername('J.JANSEN')).toEqual(created);
    });

    it('a duplicate username, in any letter case, is refused with DuplicateError on username', async () => {
      await records().createUser(user('u1', 'j.jansen'));
      for (const username of ['j.jansen', 'J.Jansen']) {
        const error = await records()
          .createUser(user(`other-${username}`, username))
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateError);
        expect((error as DuplicateError).field).toBe('username');
      }
      expect(await records().countUsers()).toBe(1);
    });

    it('a duplicate user id is refused with DuplicateError on id', async () => {
      await records().createUser(user('u1', 'first'));
      const error = await records()
        .createUser(user('u1', 'second'))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateError);
      expect((error as DuplicateError).field).toBe('id');
      expect(await records().findUserByUsername('second')).toBeNull();
    });

    it('countUsers and listUsers cover every user', async () => {
      expect(await records().countUsers()).toBe(0);
      expect(await records().listUsers()).toEqual([]);
      const created = [
        await records().createUser(user('u1', 'b.bakker')),
        await records().createUser(user('u2', 'a.vries', 'verzekeringsarts')),
        await records().createUser(user('u3', 'admin', 'admin')),
      ];
      expect(await records().countUsers()).toBe(3);
      const listed = await records().listUsers();
      expect([...listed].sort((a, b) => a.id.localeCompare(b.id))).toEqual(created);
    });

    it('createCase stores the case with its members', async () => {
      await records().createUser(user('ba1'));
      await records().createUser(user('va1', 'va1', 'verzekeringsarts'));
      const created = await seedCase('c1', 'ba1', 'va1');
      expect(created).toEqual({ ...newCase('c1'), createdAt: expect.any(String) });
      expect(await records().getCase('c1')).toEqual(created);
      expect(await records().getCase('missing')).toBeNull();
      expect(ids(await records().listCases())).toEqual(['c1']);
      expect(sortMembers(await records().listMembers('c1'))).toEqual([
        { caseId: 'c1', userId: 'ba1', caseRole: 'ba' },
        { caseId: 'c1', userId: 'va1', caseRole: 'va' },
      ]);
    });

    it('moveCaseTemplate moves a case only from the version it is on', async () => {
      await records().createUser(user('ba1'));
      await records().createUser(user('va1', 'va1', 'verzekeringsarts'));
      const created = await seedCase('c1', 'ba1', 'va1');
      expect(await records().moveCaseTemplate('c1', 2, 3)).toBe(false);
      expect(await records().getCase('c1')).toEqual(created);
      expect(await records().moveCaseTemplate('c1', 1, 2)).toBe(true);
      expect(await records().getCase('c1')).toEqual({ ...created, templateVersion: 2 });
      expect(await records().moveCaseTemplate('c1', 1, 3)).toBe(false);
      expect((await records().getCase('c1'))!.templateVersion).toBe(2);
      expect(await records().moveCaseTemplate('missing', 1, 2)).toBe(false);
      expect(await records().getCase('missing')).toBeNull();
    });

    it('a duplicate case id is refused with DuplicateError on id and changes nothing', async () => {
      await records().createUser(user('ba1'));
      await records().createUser(user('ba2'));
      await records().createUser(user('va1', 'va1', 'verzekeringsarts'));
      const first = await seedCase('c1', 'ba1', 'va1');
      const error = await records()
        .createCase({ ...newCase('c1'), title: 'Other' }, [{ caseId: 'c1', userId: 'ba2', caseRole: 'ba' }])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateError);
      expect((error as DuplicateError).field).toBe('id');
      expect(await records().getCase('c1')).toEqual(first);
      expect(await records().listCasesOfUser('ba2')).toEqual([]);
      expect(sortMembers(await records().listMembers('c1')).map((m) => m.userId)).toEqual(['ba1', 'va1']);
    });

    it('listCasesOfUser only returns the cases the user is a member of', async () => {
      for (const id of ['ba1', 'ba2', 'va1', 'loner']) await records().createUser(user(id));
      await seedCase('c1', 'ba1', 'va1');
      await seedCase('c2', 'ba2', 'va1');
      await seedCase('c3', 'ba1', 'ba2');
      expect(ids(await records().listCasesOfUser('ba1'))).toEqual(['c1', 'c3']);
      expect(ids(await records().listCasesOfUser('va1'))).toEqual(['c1', 'c2']);
      expect(ids(await records().listCasesOfUser('ba2'))).toEqual(['c2', 'c3']);
      expect(await records().listCasesOfUser('loner')).toEqual([]);
      expect(ids(await records().listCases())).toEqual(['c1', 'c2', 'c3']);
    });

    it('setMember replaces the holder of a case role', async () => {
      for (const id of ['ba1', 'ba2', 'va1', 'va2']) await records().createUser(user(id));
      await seedCase('c1', 'ba1', 'va1');
      await records().setMember({ caseId: 'c1', userId: 'va2', caseRole: 'va' });
      expect(sortMembers(await records().listMembers('c1'))).toEqual([
        { caseId: 'c1', userId: 'ba1', caseRole: 'ba' },
        { caseId: 'c1', userId: 'va2', caseRole: 'va' },
      ]);
      expect(await records().listCasesOfUser('va1')).toEqual([]);
      expect(ids(await records().listCasesOfUser('va2'))).toEqual(['c1']);
    });

    it('setMember adds a holder to a role nobody held', async () => {
      for (const id of ['ba1', 'va1']) await records().createUser(user(id));
      await records().createCase(newCase('c1'), [{ caseId: 'c1', userId: 'ba1', caseRole: 'ba' }]);
      await records().setMember({ caseId: 'c1', userId: 'va1', caseRole: 'va' });
      expect(sortMembers(await records().listMembers('c1')).map((m) => m.userId)).toEqual(['ba1', 'va1']);
      expect(await records().listMembers('other')).toEqual([]);
    });

    it('a revoked token is reported revoked, others are not', async () => {
      const inAnHour = Math.floor(Date.now() / 1000) + 3600;
      expect(await records().isTokenRevoked('jti-1')).toBe(false);
      await records().revokeToken('jti-1', inAnHour);
      await records().revokeToken('jti-1', inAnHour);
      await records().revokeToken('jti-2', inAnHour + 60);
      expect(await records().isTokenRevoked('jti-1')).toBe(true);
      expect(await records().isTokenRevoked('jti-2')).toBe(true);
      expect(await records().isTokenRevoked('jti-3')).toBe(false);
    });

    it('updateUser changes the fields given, keeps the others, and every read sees it', async () => {
      const created = await records().createUser(user('u1', 'j.jansen'));
      const deactivated = await records().updateUser('u1', { deactivatedAt: '2025-01-02T03:04:05.000Z', sessionVersion: 1 });
      expect(deactivated).toEqual({ ...created, deactivatedAt: '2025-01-02T03:04:05.000Z', sessionVersion: 1 });
      expect(await records().findUserById('u1')).toEqual(deactivated);
      expect(await records().findUserByUsername('J.Jansen')).toEqual(deactivated);
      expect(await records().listUsers()).toEqual([deactivated]);
      const changed = await records().updateUser('u1', {
        role: 'verzekeringsarts',
        passwordHash: 'scrypt$new',
        deactivatedAt: null,
        sessionVersion: undefined,
      });
      expect(changed).toEqual({ ...created, role: 'verzekeringsarts', passwordHash: 'scrypt$new', deactivatedAt: null, sessionVersion: 1 });
      expect(await records().findUserById('u1')).toEqual(changed);
      expect(await records().updateUser('u1', {})).toEqual(changed);
    });

    it('updateUser of an unknown user changes nothing and resolves null', async () => {
      await records().createUser(user('u1'));
      expect(await records().updateUser('nobody', { role: 'admin' })).toBeNull();
      expect(await records().findUserById('nobody')).toBeNull();
      expect(await records().countUsers()).toBe(1);
    });

    it('updateUser touches one user only', async () => {
      const [first, second] = [await records().createUser(user('u1', 'a.one')), await records().createUser(user('u2', 'b.two'))];
      await records().updateUser('u1', { deactivatedAt: '2025-01-02T03:04:05.000Z', sessionVersion: 3 });
      expect(await records().findUserById('u2')).toEqual(second);
      expect((await records().findUserById('u1'))?.sessionVersion).toBe(3);
      expect(first.sessionVersion).toBe(0);
    });

    it('ping resolves', async () => {
      await expect(records().ping()).resolves.toBeUndefined();
    });
  });
}
