import { describe, expect, it } from 'vitest';
import type { TotpConfirmation } from '../../server/store/ports.ts';
import { useFreshStores, type MakeStores } from './fixture.ts';

const AT = '2026-01-05T08:00:00.000Z';
const confirmation = (sealedSecret: string, timeStep = 100): TotpConfirmation => ({
  sealedSecret,
  confirmedAt: '2026-01-05T08:01:00.000Z',
  timeStep,
  recoveryCodeHashes: ['h1', 'h2', 'h3'],
});

/** The SecondFactorStore (server/store/secondFactorPort.ts), on every adapter. */
export function secondFactorContract(name: string, makeStores: MakeStores): void {
  describe(`SecondFactorStore: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const factors = () => stores().secondFactors;

    it('an account without a factor has none; an enrolment reads back open, without recovery codes', async () => {
      expect(await factors().getTotp('u1')).toBeNull();
      expect(await factors().beginTotp('u1', 'sealed-a', AT)).toBe(true);
      expect(await factors().getTotp('u1')).toEqual({
        userId: 'u1',
        sealedSecret: 'sealed-a',
        createdAt: AT,
        confirmedAt: null,
        lastTimeStep: null,
        recoveryCodesLeft: 0,
      });
      expect(await factors().getTotp('u2')).toBeNull();
    });

    it('confirming takes the code’s time step and stores the recovery codes; only the open enrolment with that secret confirms', async () => {
      await factors().beginTotp('u1', 'sealed-a', AT);
      // A newer enrolment replaced the one the code was checked against.
      await factors().beginTotp('u1', 'sealed-b', AT);
      expect(await factors().confirmTotp('u1', confirmation('sealed-a'))).toBe(false);
      expect((await factors().getTotp('u1'))?.confirmedAt).toBeNull();
      expect(await factors().confirmTotp('u1', confirmation('sealed-b'))).toBe(true);
      expect(await factors().getTotp('u1')).toMatchObject({
        sealedSecret: 'sealed-b',
        confirmedAt: '2026-01-05T08:01:00.000Z',
        lastTimeStep: 100,
        recoveryCodesLeft: 3,
      });
      // Confirmed once: a second confirmation, and a new enrolment, change nothing.
      expect(await factors().confirmTotp('u1', confirmation('sealed-b', 200))).toBe(false);
      expect(await factors().beginTotp('u1', 'sealed-c', AT)).toBe(false);
      expect(await factors().getTotp('u1')).toMatchObject({ sealedSecret: 'sealed-b', lastTimeStep: 100 });
      expect(await factors().confirmTotp('nobody', confirmation('sealed-b'))).toBe(false);
    });

    it('a time step is taken once and only after the last one; an open enrolment takes none', async () => {
      await factors().beginTotp('u1', 's', AT);
      expect(await factors().useTimeStep('u1', 101)).toBe(false);
      await factors().confirmTotp('u1', confirmation('s', 100));
      expect(await factors().useTimeStep('u1', 100)).toBe(false);
      expect(await factors().useTimeStep('u1', 99)).toBe(false);
      expect(await factors().useTimeStep('u1', 101)).toBe(true);
      expect(await factors().useTimeStep('u1', 101)).toBe(false);
      expect((await factors().getTotp('u1'))?.lastTimeStep).toBe(101);
      expect(await factors().useTimeStep('nobody', 500)).toBe(false);
    });

    it('parallel uses of one time step: exactly one succeeds', async () => {
      await factors().beginTotp('u1', 's', AT);
      await factors().confirmTotp('u1', confirmation('s', 100));
      const results = await Promise.all(Array.from({ length: 6 }, () => factors().useTimeStep('u1', 101)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('a recovery code is taken once; unknown hashes and codes of an open enrolment are refused', async () => {
      await factors().beginTotp('u1', 's', AT);
      await factors().confirmTotp('u1', confirmation('s'));
      expect(await factors().useRecoveryCode('u1', 'h2')).toBe(true);
      expect(await factors().useRecoveryCode('u1', 'h2')).toBe(false);
      expect(await factors().useRecoveryCode('u1', 'unknown')).toBe(false);
      expect(await factors().useRecoveryCode('u2', 'h1')).toBe(false);
      expect((await factors().getTotp('u1'))?.recoveryCodesLeft).toBe(2);
      const parallel = await Promise.all([1, 2, 3].map(() => factors().useRecoveryCode('u1', 'h1')));
      expect(parallel.filter(Boolean)).toHaveLength(1);
    });

    it('removing drops the factor and its recovery codes; a new enrolment starts clean', async () => {
      await factors().beginTotp('u1', 's', AT);
      await factors().confirmTotp('u1', confirmation('s'));
      expect(await factors().removeTotp('u1')).toBe(true);
      expect(await factors().removeTotp('u1')).toBe(false);
      expect(await factors().getTotp('u1')).toBeNull();
      expect(await factors().useRecoveryCode('u1', 'h1')).toBe(false);
      expect(await factors().beginTotp('u1', 't', AT)).toBe(true);
      expect(await factors().getTotp('u1')).toMatchObject({ sealedSecret: 't', confirmedAt: null, lastTimeStep: null, recoveryCodesLeft: 0 });
    });
  });
}
