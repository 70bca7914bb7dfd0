import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CrashPolicy } from '../../client/src/crashPolicy';
import { cleanWord, looksLikeEccn, looksLikeHs, typedItem } from '../../client/src/itemText';

test('typed ECCNs and HS codes are recognised by shape', () => {
  assert.ok(looksLikeEccn('5A992'));
  assert.ok(looksLikeEccn('3a001.a.1'));
  assert.ok(looksLikeEccn('ear99'));
  assert.ok(!looksLikeEccn('5Z992'));
  assert.ok(!looksLikeEccn('RU'));
  assert.ok(looksLikeHs('8517.13'));
  assert.ok(looksLikeHs('851713'));
  assert.ok(!looksLikeHs('85'));
  assert.deepEqual(typedItem(' 3a001.a.1 '), { eccn: '3A001.a.1' });
  assert.deepEqual(typedItem('ear99'), { eccn: 'EAR99' });
  assert.deepEqual(typedItem('8526.91'), { hs: '8526.91' });
  assert.equal(typedItem('Flight computer'), undefined);
});

test('the word under the cursor loses YAML punctuation', () => {
  assert.equal(cleanWord('"5A992",'), '5A992');
  assert.equal(cleanWord('[3A001.a.1]'), '3A001.a.1');
  assert.equal(cleanWord('FMC-200'), 'FMC-200');
});

test('a crashing server is restarted four times in three minutes, then left down', () => {
  const policy = new CrashPolicy(4, 180_000);
  const t0 = 1_000_000;
  for (let i = 0; i < 4; i++) assert.ok(policy.shouldRestart(t0 + i * 1000), `crash ${i + 1}`);
  assert.ok(!policy.shouldRestart(t0 + 5000), 'fifth crash within the window');
  // Crashes older than the window no longer count.
  const later = new CrashPolicy(4, 180_000);
  for (let i = 0; i < 4; i++) later.shouldRestart(t0 + i * 1000);
  assert.ok(later.shouldRestart(t0 + 200_000));
  policy.reset();
  assert.ok(policy.shouldRestart(t0 + 6000));
});
