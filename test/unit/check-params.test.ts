// Check Item's request from the answers of its steps (client/src/checkParams.ts): a typed
// name carries the country picked for it; a workspace party goes by id, its country read by
// the server from the rule file; and the choices of the party's country step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkParams, partyCountryChoices } from '../../client/src/checkParams';

const item = { eccn: 'EAR99' };

test('a typed name with the country picked for it: party and partyCountry', () => {
  assert.deepEqual(checkParams(item, 'DE', '2026-08-15', { kind: 'name', name: 'Forvard Electronics GmbH', country: 'DE' }), {
    item: { eccn: 'EAR99' },
    destination: 'DE',
    date: '2026-08-15',
    party: 'Forvard Electronics GmbH',
    partyCountry: 'DE',
  });
});

test('a typed name whose country is not known: the name alone', () => {
  assert.deepEqual(checkParams(item, 'DE', '2026-08-15', { kind: 'name', name: 'Forvard Electronics GmbH' }), {
    item: { eccn: 'EAR99' },
    destination: 'DE',
    date: '2026-08-15',
    party: 'Forvard Electronics GmbH',
  });
});

test("a workspace party by id, without a partyCountry that would override its rule file's country on a re-run", () => {
  assert.deepEqual(checkParams(item, 'CN', '2026-09-24', { kind: 'party', id: 'chengdu-latest' }), {
    item: { eccn: 'EAR99' },
    destination: 'CN',
    date: '2026-09-24',
    party: 'chengdu-latest',
  });
});

test('no party, and no date (a check from a CodeLens: today)', () => {
  assert.deepEqual(checkParams(item, 'RU', undefined, { kind: 'none' }), { item: { eccn: 'EAR99' }, destination: 'RU' });
});

const destinations = [
  { code: 'UA-43', name: 'Crimea region of Ukraine', embargoed: true, parent: 'UA' },
  { code: 'UA', name: 'Ukraine', embargoed: false },
  { code: 'DE', name: 'Germany', embargoed: false },
  { code: 'AE', name: 'United Arab Emirates', embargoed: false },
];

test("the party's country step: countries by name (no regions), the destination's country offered first", () => {
  const all = [
    { code: 'DE', name: 'Germany' },
    { code: 'UA', name: 'Ukraine' },
    { code: 'AE', name: 'United Arab Emirates' },
  ];
  assert.deepEqual(partyCountryChoices(destinations, 'AE'), { destination: { code: 'AE', name: 'United Arab Emirates' }, all });
  // a destination typed by name, in any case
  assert.deepEqual(partyCountryChoices(destinations, ' germany ').destination, { code: 'DE', name: 'Germany' });
  // a region's country
  assert.deepEqual(partyCountryChoices(destinations, 'UA-43').destination, { code: 'UA', name: 'Ukraine' });
  // a destination the list does not know (the server names it): no country offered first
  assert.deepEqual(partyCountryChoices(destinations, 'Atlantis'), { all });
});
