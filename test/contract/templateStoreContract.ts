import { describe, expect, it } from 'vitest';
import type { AssessmentTemplate } from '../../shared/template/index.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import { useFreshStores, type MakeStores } from './fixture.ts';

/** A version as an operator imports it, with text no adapter may bend. */
function version(number: number, name = `BAR ${number}`): AssessmentTemplate {
  const template = structuredClone(TEMPLATE_V1);
  template.version = number;
  template.name = name;
  template.groups[0]!.sections[0]!.definition.nl = 'Regel één\n"Citaat" \\ {"json": true} ]] -- Łódź Ελλάδα\t😀';
  return template;
}

/** The TemplateStore rules every adapter keeps. */
export function templateStoreContract(name: string, makeStores: MakeStores): void {
  describe(`TemplateStore contract: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const templates = () => stores().templates;

    it('holds nothing before the first import (the shipped versions are not stored)', async () => {
      expect(await templates().versions()).toEqual([]);
      expect(await templates().get(1)).toBeNull();
    });

    it('an added version reads back exactly; versions list in ascending order', async () => {
      expect(await templates().add(version(12), '2026-12-03T10:00:00.000Z')).toBe(true);
      expect(await templates().add(version(3), '2026-12-03T10:01:00.000Z')).toBe(true);
      expect(await templates().get(12)).toEqual(version(12));
      expect(await templates().get(3)).toEqual(version(3));
      expect(await templates().versions()).toEqual([3, 12]);
    });

    it('a version number that exists is refused and the stored version stays as it was', async () => {
      await templates().add(version(2), '2026-12-03T10:00:00.000Z');
      expect(await templates().add(version(2, 'Anders'), '2026-12-03T11:00:00.000Z')).toBe(false);
      expect(await templates().get(2)).toEqual(version(2));
      expect(await templates().versions()).toEqual([2]);
    });

    it('what a caller holds is not the store: changing it afterwards changes nothing stored', async () => {
      const mine = version(4);
      await templates().add(mine, '2026-12-03T10:00:00.000Z');
      mine.name = 'veranderd';
      const read = (await templates().get(4)) as AssessmentTemplate;
      read.groups.length = 0;
      expect(await templates().get(4)).toEqual(version(4));
    });
  });
}
