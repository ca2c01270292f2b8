import { describe, expect, it } from 'vitest';
import { WHEEL_INDICATORS } from '../../core/wheel.js';
import { changedFields, createBody, emptyForm, formFromAssessment, patchBody, reapply } from './form-model.js';
import type { WheelAssessment } from './wheel-api.js';

const assessment: WheelAssessment = {
  id: '00000000-0000-4000-8000-000000000001',
  childId: '00000000-0000-4000-8000-000000000002',
  assessedOn: '2026-10-01',
  perspective: {
    kind: 'guardian',
    key: 'guardian:g',
    guardianId: '00000000-0000-4000-8000-000000000003',
    name: 'Maria',
    relation: 'parent',
  },
  indicators: WHEEL_INDICATORS.map((indicator, i) => ({
    indicator,
    whatWorks: `w${i}`,
    whatIsHard: `h${i}`,
    rating: i === 4 ? null : 3,
  })),
  myWorldTriangle: { myWiderWorld: { school: { strengths: 'Trivs' } } },
  resilienceMatrix: null,
  recordedBy: {
    personId: '00000000-0000-4000-8000-000000000004',
    name: 'Anna',
    assignmentId: '00000000-0000-4000-8000-000000000005',
    title: 'Lärare',
    unitName: 'Furuboskolan',
  },
  owningUnit: null,
  secrecyDomain: 'school',
  secretFromGuardians: false,
  createdAt: '2026-10-01T10:00:00.000Z',
  updatedAt: '2026-10-01T10:00:00.000Z',
  version: 1,
};

describe('the assessment form model', () => {
  it('builds a create body with all eight indicators and leaves empty tools out', () => {
    const v = emptyForm('2026-11-22');
    v.perspective = 'child';
    v.indicators.safe = { whatWorks: 'Kompis', whatIsHard: '', rating: 4 };
    const body = createBody(v);
    expect(body.perspective).toEqual({ kind: 'child' });
    expect(body.indicators.map((i) => i.indicator)).toEqual([...WHEEL_INDICATORS]);
    expect(body.indicators[0]).toEqual({ indicator: 'safe', whatWorks: 'Kompis', whatIsHard: '', rating: 4 });
    expect(body.indicators[1]!.rating).toBeNull();
    expect(body.myWorldTriangle).toBeNull();
    expect(body.resilienceMatrix).toBeNull();
    v.resilience.analysis = '  Analys  ';
    v.myWorld['howIGrowAndDevelop.beingHealthy'] = { strengths: '', challenges: 'Sömn' };
    const withTools = createBody(v);
    expect(withTools.resilienceMatrix).toEqual({ analysis: 'Analys' });
    expect(withTools.myWorldTriangle).toEqual({ howIGrowAndDevelop: { beingHealthy: { challenges: 'Sömn' } } });
  });

  it('round-trips an assessment and patches only what changed', () => {
    const base = formFromAssessment(assessment);
    expect(base.perspective).toBe('guardian');
    expect(base.myWorld['myWiderWorld.school']).toEqual({ strengths: 'Trivs', challenges: '' });
    expect(patchBody(base, structuredClone(base))).toBeNull();
    const mine = structuredClone(base);
    mine.indicators.active.rating = 2;
    mine.indicators.safe.whatIsHard = 'Nytt';
    expect(patchBody(base, mine)).toEqual({
      indicators: [
        { indicator: 'safe', whatIsHard: 'Nytt' },
        { indicator: 'active', rating: 2 },
      ],
    });
    mine.perspective = 'child';
    expect(patchBody(base, mine)!.perspective).toEqual({ kind: 'child' });
    const secret = structuredClone(base);
    secret.secretFromGuardians = true;
    expect(patchBody(base, secret)).toEqual({ secretFromGuardians: true });
    expect(createBody(secret).secretFromGuardians).toBe(true);
    expect(changedFields(base, secret)).toEqual([{ kind: 'secretFromGuardians' }]);
  });

  it('after a conflict, re-applies my changes on top of theirs and says what they changed', () => {
    const base = formFromAssessment(assessment);
    const mine = structuredClone(base);
    mine.indicators.included.whatIsHard = 'Min ändring';
    const theirs = structuredClone(base);
    theirs.indicators.safe.whatWorks = 'Deras ändring';
    theirs.indicators.included.rating = 5;
    theirs.resilience.analysis = 'Deras analys';
    const merged = reapply(base, mine, theirs);
    expect(merged.indicators.included).toEqual({ whatWorks: 'w7', whatIsHard: 'Min ändring', rating: 5 });
    expect(merged.indicators.safe.whatWorks).toBe('Deras ändring');
    expect(merged.resilience.analysis).toBe('Deras analys');
    expect(changedFields(base, theirs)).toEqual([
      { kind: 'indicator', indicator: 'safe', field: 'whatWorks' },
      { kind: 'indicator', indicator: 'included', field: 'rating' },
      { kind: 'resilienceMatrix' },
    ]);
    // Saving again sends only my change, against their version.
    expect(patchBody(theirs, merged)).toEqual({ indicators: [{ indicator: 'included', whatIsHard: 'Min ändring' }] });
  });
});
