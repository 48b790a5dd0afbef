import type { AssessmentTemplate } from './types.ts';

/**
 * Interim template v1 (docs/domain.md): the FML rubrieken physicians know, coded in ICF.
 * The official BAR item list can replace it as a new version without code changes.
 */
export const TEMPLATE_V1: AssessmentTemplate = {
  version: 1,
  groups: [
    {
      id: 'persoonlijk',
      label: { nl: 'Persoonlijk functioneren', en: 'Personal functioning' },
      sections: [
        { id: 'd160', icf: 'd160', scale: 'activity', label: { nl: 'Aandacht richten', en: 'Focusing attention' } },
        { id: 'd175', icf: 'd175', scale: 'activity', label: { nl: 'Problemen oplossen', en: 'Solving problems' } },
        { id: 'd220', icf: 'd220', scale: 'activity', label: { nl: 'Meervoudige taken uitvoeren', en: 'Undertaking multiple tasks' } },
        { id: 'd230', icf: 'd230', scale: 'activity', label: { nl: 'Dagelijkse routine uitvoeren', en: 'Carrying out daily routine' } },
        {
          id: 'd240',
          icf: 'd240',
          scale: 'activity',
          label: { nl: 'Omgaan met stress en andere psychische eisen', en: 'Handling stress and other psychological demands' },
        },
      ],
    },
    {
      id: 'sociaal',
      label: { nl: 'Sociaal functioneren', en: 'Social functioning' },
      sections: [
        { id: 'd350', icf: 'd350', scale: 'activity', label: { nl: 'Conversatie', en: 'Conversation' } },
        {
          id: 'd720',
          icf: 'd720',
          scale: 'activity',
          label: { nl: 'Complexe interpersoonlijke interacties', en: 'Complex interpersonal interactions' },
        },
        { id: 'd740', icf: 'd740', scale: 'activity', label: { nl: 'Formele relaties', en: 'Formal relationships' } },
      ],
    },
    {
      id: 'omgeving',
      label: { nl: 'Fysieke omgevingseisen', en: 'Physical environment' },
      sections: [
        { id: 'e225', icf: 'e225', scale: 'environment', label: { nl: 'Klimaat', en: 'Climate' } },
        { id: 'e240', icf: 'e240', scale: 'environment', label: { nl: 'Licht', en: 'Light' } },
        { id: 'e250', icf: 'e250', scale: 'environment', label: { nl: 'Geluid', en: 'Sound' } },
      ],
    },
    {
      id: 'dynamisch',
      label: { nl: 'Dynamische handelingen', en: 'Dynamic movements' },
      sections: [
        { id: 'd430', icf: 'd430', scale: 'activity', label: { nl: 'Tillen en dragen', en: 'Lifting and carrying objects' } },
        { id: 'd440', icf: 'd440', scale: 'activity', label: { nl: 'Fijn handgebruik', en: 'Fine hand use' } },
        { id: 'd445', icf: 'd445', scale: 'activity', label: { nl: 'Hand- en armgebruik', en: 'Hand and arm use' } },
        { id: 'd450', icf: 'd450', scale: 'activity', label: { nl: 'Lopen', en: 'Walking' } },
        {
          id: 'd4751',
          icf: 'd4751',
          scale: 'activity',
          label: { nl: 'Besturen van gemotoriseerde voertuigen', en: 'Driving motorized vehicles' },
        },
      ],
    },
    {
      id: 'statisch',
      label: { nl: 'Statische houdingen', en: 'Static postures' },
      sections: [
        { id: 'd4153', icf: 'd4153', scale: 'activity', label: { nl: 'Zittend houding handhaven', en: 'Maintaining a sitting position' } },
        { id: 'd4154', icf: 'd4154', scale: 'activity', label: { nl: 'Staand houding handhaven', en: 'Maintaining a standing position' } },
      ],
    },
    {
      id: 'werktijden',
      label: { nl: 'Werktijden', en: 'Working hours' },
      sections: [
        {
          id: 'werktijden',
          icf: null,
          scale: null,
          label: { nl: 'Uren per dag en week, dagdelen, nachtwerk', en: 'Working hours' },
        },
      ],
    },
    {
      id: 'werk',
      label: { nl: 'Werk en werkfactoren', en: 'Work and work factors' },
      sections: [
        { id: 'd850', icf: 'd850', scale: 'activity', label: { nl: 'Betaald werk', en: 'Remunerative employment' } },
        {
          id: 'werkfactoren',
          icf: null,
          scale: null,
          label: { nl: 'Werkfactoren (werkdruk, autonomie, leidinggevende, aanpassingen)', en: 'Work factors' },
        },
      ],
    },
    {
      id: 'context',
      label: { nl: 'Context en prognose', en: 'Context and prognosis' },
      sections: [
        { id: 'persoonlijke-factoren', icf: null, scale: null, label: { nl: 'Persoonlijke factoren', en: 'Personal factors' } },
        { id: 'prognose', icf: null, scale: null, label: { nl: 'Prognose', en: 'Prognosis' } },
        { id: 'visie-werknemer', icf: null, scale: null, label: { nl: 'Visie werknemer', en: "Employee's view" } },
      ],
    },
  ],
};
