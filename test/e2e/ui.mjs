// The UI checks of the e2e run (test/e2e/run.mjs): what a person sees in the VS Code 1.100.3
// web workbench (code-server), driven with Playwright. Selectors found on that workbench:
// explorer rows, tabs, .squiggly-error, the Problems panel (.markers-panel), the command
// palette (.quick-input-widget), the suggest widget, webviews (two nested iframes) and the
// Testing view. Each check polls with a deadline; none sleeps a fixed time.
/* global document, window */
import fs from 'node:fs';
import path from 'node:path';

const Q_INPUT = '.quick-input-widget .quick-input-box input';
const Q_ROW = '.quick-input-widget .quick-input-list .monaco-list-row';

async function palette(page, title, { search } = {}) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator(Q_INPUT);
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`>${search ?? title.replace(/^.*?:\s*/, '').replace(/…$/, '')}`);
  // Click the row whose label is exactly the title (Enter would run whatever row is first).
  const row = page.locator(`${Q_ROW} .label-name`, { hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
  try {
    await row.first().waitFor({ timeout: 15_000 });
  } catch {
    const rows = await page.locator(Q_ROW).allInnerTexts().catch(() => []);
    throw new Error(`no command "${title}" in the palette; rows: ${rows.map((r) => r.replace(/\s+/g, ' ')).join(' | ').slice(0, 300)}`);
  }
  await row.first().click();
}

async function openFromExplorer(page, name, contentHint) {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .view-lines', { hasText: contentHint }).first().waitFor({ timeout: 30_000 });
}

async function goToLine(page, line) {
  await page.keyboard.press('F1');
  const input = page.locator(Q_INPUT);
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** innerText of the first match, or '' at once when there is none (no auto-wait). */
const textOf = async (loc) => ((await loc.count()) ? loc.first().innerText({ timeout: 2000 }).catch(() => '') : '');
const visible = async (loc) => { try { return await loc.first().isVisible(); } catch { return false; } };
export const pollFor = async (fn, ms, what) => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** Text of the innermost webview document that contains `needle` (webviews nest two iframes). */
async function webviewText(page, needle) {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    let text = '';
    try { text = await frame.evaluate(() => document.body?.innerText ?? ''); } catch { continue; }
    if (needle.test(text)) return text;
  }
  return undefined;
}

/** The innermost webview frame whose text matches `needle`. */
async function webviewFrame(page, needle) {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    let text = '';
    try { text = await frame.evaluate(() => document.body?.innerText ?? ''); } catch { continue; }
    if (needle.test(text)) return frame;
  }
  return undefined;
}

/** Answers the party step: the row `partyRow` after typing `party`, or "No party" without one. */
async function answerParty(page, party, partyRow) {
  if (party) await page.locator(Q_INPUT).fill(party);
  await page.locator(Q_ROW, { hasText: party ? partyRow : /No party/ }).first().click({ timeout: 15_000 });
  return party ? `party -> ${party}` : 'party -> none';
}

/** Answers the country step of a typed party name: the row `countryRow` after typing `country`, or "Country not known". */
async function answerPartyCountry(page, country, countryRow) {
  if (country) await page.locator(Q_INPUT).fill(country);
  await page.locator(Q_ROW, { hasText: country ? countryRow : /Country not known/ }).first().click({ timeout: 15_000 });
  return country ? `party's country -> ${country}` : "party's country -> not known";
}

/**
 * Answers Check Item's quick picks (item, destination, party, the country of a typed party
 * name, date) until `done` is in a webview. Without `party` the party step is answered "No
 * party"; without `partyCountry` a typed name's country step is answered "Country not known".
 */
async function answerCheckItem(page, { item, itemRow, destination, destinationRow, party, partyRow, partyCountry, partyCountryRow, done, what }) {
  const widget = page.locator('.quick-input-widget');
  const input = page.locator(Q_INPUT);
  const answered = [];
  const titleOf = () => textOf(page.locator('.quick-input-widget .quick-input-title'));
  let text;
  const until = Date.now() + 45_000;
  while (!(text = await webviewText(page, done))) {
    if (Date.now() > until) throw new Error(`no result panel showing ${what} within 45 s; quick picks: ${answered.join('; ') || 'none'}`);
    const title = (await visible(widget)) ? await titleOf() : '';
    if (title) {
      // the step is read from its title alone ("Check Item (2/4): destination"), and the next
      // step is awaited before reading again: placeholder and title change a moment apart
      if (/party's country/i.test(title)) {
        answered.push(`"${title}": ${await answerPartyCountry(page, partyCountry, partyCountryRow)}`);
      } else if (/destination|country|ship(ped)? to|where/i.test(title)) {
        await input.fill(destination);
        await page.locator(Q_ROW, { hasText: destinationRow }).first().click({ timeout: 15_000 });
        answered.push(`destination "${title}" -> ${destination}`);
      } else if (/party/i.test(title)) {
        answered.push(`"${title}": ${await answerParty(page, party, partyRow)}`);
      } else if (/date/i.test(title)) {
        await page.keyboard.press('Enter'); // the default (today)
        answered.push(`date "${title}" -> default`);
      } else {
        await input.fill(item);
        await page.locator(Q_ROW, { hasText: itemRow }).first().click({ timeout: 15_000 });
        answered.push(`item "${title}" -> ${item}`);
      }
      await pollFor(async () => !(await visible(widget)) || (await titleOf()) !== title, 15_000, `the quick pick to move on from "${title}"`);
      continue;
    }
    await page.waitForTimeout(200);
  }
  return { text, answered };
}

const JARGON = /must NOT have|must be equal to one of|must match|instancePath|additionalProperties|\/rules\/\d/;

/**
 * The UI checks, in order; each needs the one before it.
 * @param {import('playwright-core').Page} page the workbench window (extension loaded, workspace open)
 * @param {{ check: (name: string, fn: () => Promise<void>) => Promise<void>, log: (...a: unknown[]) => void,
 *   fixture: string, shot: (name: string) => Promise<void>, logLines: (max: number) => string[] }} ctx
 *   check runs one named check (fail-fast, screenshot); logLines reads the extension's log lines.
 */
export async function uiChecks(page, { check, log, fixture, shot, logLines }) {
  const rulesText = fs.readFileSync(path.join(fixture, 'rules.ecr.yaml'), 'utf8');
  const partiesText = fs.readFileSync(path.join(fixture, 'parties.ecr.yaml'), 'utf8');

  await check('workbench ready', async () => {
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'rules.ecr.yaml' }).first().waitFor({ timeout: 90_000 });
    log('  workbench ready');
  });

  await check('broken file: error squiggle and a plain-language row in Problems', async () => {
    await openFromExplorer(page, 'broken.ecr.yaml', 'titel');
    // The squiggle, or as soon as the extension host logs it, the reason there will be none.
    const squiggle = page.locator('.monaco-editor .squiggly-error');
    await pollFor(async () => {
      if (await squiggle.count()) return true;
      const lines = logLines(200).map((l) => l.replace(/^.*?\.log: ([\d-]+ [\d:.]+ )?/, ''));
      const at = lines.findIndex((l) => /Activating extension .* failed|not compatible/.test(l));
      if (at >= 0) throw new Error(`extension did not activate: ${lines.slice(at, at + 2).join(' ')}`);
      return false;
    }, 60_000, 'an error squiggle in broken.ecr.yaml (extension did not activate or published no diagnostics)');
    await page.keyboard.press('Control+Shift+M'); // View: Toggle Problems (closed at this point)
    const rows = page.locator('.markers-panel .monaco-list-row');
    if (!await rows.first().waitFor({ timeout: 10_000 }).then(() => true, () => false)) {
      await palette(page, 'View: Focus on Problems View', { search: 'Focus on Problems' });
    }
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'titel' }).first();
    await row.waitFor({ timeout: 30_000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
    log(`  problems row: ${text}`);
    if (JARGON.test(text)) throw new Error(`Problems row is not in plain words: ${text}`);
    if (!/export-rules/.test(text)) throw new Error(`Problems row does not name the source export-rules: ${text}`);
  });

  await check('completion: typing "- eccn: 5A9" on a new line suggests 5A992 with its title', async () => {
    await page.keyboard.press('Control+Shift+M'); // hide Problems again
    await openFromExplorer(page, 'rules.ecr.yaml', 'ca-telecom-nlr');
    const line = rulesText.split('\n').findIndex((l) => l.includes('- eccn: 5A992')) + 1;
    await goToLine(page, line);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter'); // autoIndent is off: the new line starts at column 1
    await page.keyboard.type(`${' '.repeat(8)}- eccn: 5A9`, { delay: 40 }); // a sibling of "- eccn: 5A992"
    const widget = page.locator('.editor-widget.suggest-widget.visible');
    const row = widget.locator('.monaco-list-row', { hasText: '5A992' }).first();
    if (!await row.waitFor({ timeout: 8_000 }).then(() => true, () => false)) {
      log('  suggest widget did not open by itself; pressing Ctrl+Space');
      await page.keyboard.press('Control+Space');
      await row.waitFor({ timeout: 20_000 });
    }
    // The title shows inline on the focused row or in the details pane: focus 5A992 and look.
    const title = /Equipment not controlled by 5A002/;
    const seen = async () => {
      const all = `${await textOf(widget)} ${await textOf(page.locator('.suggest-details-container'))}`;
      return title.test(all) ? all : undefined;
    };
    for (let i = 0; i < 12 && !await seen(); i++) {
      const focused = await textOf(widget.locator('.monaco-list-row.focused'));
      if (/5A992/.test(focused)) { await page.keyboard.press('Control+Space'); break; } // toggles details
      await page.keyboard.press('ArrowDown');
    }
    const text = await pollFor(seen, 10_000, '5A992\'s title "Equipment not controlled by 5A002" in the suggest widget');
    log(`  suggest widget: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
    await shot('03a-completion-widget-lists-5a992-with-its-title'); // the step's own shot comes after the revert
    await page.keyboard.press('Escape');
    await palette(page, 'File: Revert File'); // leave the rules as they were for the next checks
    await pollFor(async () => (await page.locator('.editor-instance .view-line', { hasText: /eccn:\s5A9\s*$/ }).count()) === 0,
      10_000, 'the typed line to go away after File: Revert File');
  });

  await check('party on the Entity List: a warning on its name, in Problems and in the hover, with the entry, list and score', async () => {
    await openFromExplorer(page, 'parties.ecr.yaml', 'chengdu-latest');
    await pollFor(async () => (await page.locator('.monaco-editor .squiggly-warning').count()) > 0, 60_000,
      'a warning squiggle in parties.ecr.yaml (the party-listed diagnostic)');
    await palette(page, 'Problems: Focus on Problems View', { search: 'Focus on Problems' });
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'chengdu-latest' }).first();
    await row.waitFor({ timeout: 30_000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
    log(`  problems row: ${text.slice(0, 300)}`);
    const want = ['Party "chengdu-latest" matches the Entity List entry "Chengdu Latest Electronics Technology Company"', 'score 1',
      'legal form co ltd / company set aside', 'licence required for all items subject to the EAR', 'list of 2026-07-31', 'party-listed'];
    for (const w of want) if (!text.includes(w)) throw new Error(`the Problems row does not say "${w}": ${text}`);
    // The hover on the name: the diagnostic and the list entry (line 13 is the party's name).
    const nameLine = partiesText.split('\n').findIndex((l) => l.includes('name: Chengdu Latest')) + 1;
    await goToLine(page, `${nameLine}:15`);
    await palette(page, 'Show or Focus Hover');
    const hover = await pollFor(async () => {
      const t = await textOf(page.locator('.monaco-hover:not(.hidden)'));
      return /Entity List/.test(t) && /Chengdu Latest Electronics Technology Company/.test(t) ? t : undefined;
    }, 20_000, 'a hover naming the Entity List entry');
    log(`  hover: ${hover.replace(/\s+/g, ' ').slice(0, 300)}`);
    await shot('04a-party-listed-warning-in-problems-and-hover'); // the step's own shot comes after the panel closes
    await page.keyboard.press('Escape');
    // Hide Problems for the result panels (Ctrl+Shift+M would focus it, not hide it, from the editor).
    await palette(page, 'View: Hide Panel', { search: 'Hide Panel' });
    await pollFor(async () => !(await visible(page.locator('.markers-panel'))), 10_000, 'the Problems panel to close');
  });

  await check('Check Item from the palette: quick picks, then the result panel with decision and deciding rule', async () => {
    await palette(page, 'Export Rules: Check Item…', { search: 'Check Item' });
    // Answer each quick-input step by what it asks for, until the result panel shows.
    const widget = page.locator('.quick-input-widget');
    const input = page.locator(Q_INPUT);
    const RESULT = /ru-by-all-ccl|Every item on the Commerce Control List/;
    const answered = [];
    const titleOf = () => textOf(page.locator('.quick-input-widget .quick-input-title'));
    let text;
    const until = Date.now() + 45_000;
    while (!(text = await webviewText(page, RESULT))) {
      if (Date.now() > until) {
        throw new Error(`no result panel (webview) naming the deciding rule ru-by-all-ccl within 45 s; quick picks: ${answered.join('; ') || 'none'}`);
      }
      const title = (await visible(widget)) ? await titleOf() : '';
      if (title) {
        // the step is read from its title alone ("Check Item (2/4): destination"), and the next
        // step is awaited before reading again: placeholder and title change a moment apart
        if (/destination|country|ship(ped)? to|where/i.test(title)) {
          await input.fill('RU');
          await page.locator(Q_ROW, { hasText: /Russia/ }).first().click({ timeout: 15_000 });
          answered.push(`destination "${title}" -> Russia`);
        } else if (/party/i.test(title)) {
          answered.push(`"${title}": ${await answerParty(page)}`);
        } else if (/date/i.test(title)) {
          await page.keyboard.press('Enter'); // the default (today)
          answered.push(`date "${title}" -> default`);
        } else {
          await input.fill('5A992');
          await page.locator(Q_ROW, { hasText: /5A992/ }).first().click({ timeout: 15_000 });
          answered.push(`item "${title}" -> 5A992`);
        }
        await pollFor(async () => !(await visible(widget)) || (await titleOf()) !== title, 15_000, `the quick pick to move on from "${title}"`);
        continue;
      }
      await page.waitForTimeout(200);
    }
    log(`  quick picks: ${answered.join('; ')}`);
    if (!answered.some((a) => a.startsWith('destination'))) throw new Error(`never asked for a destination (${answered.join('; ')})`);
    log(`  result panel: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    if (!/license[\s-]required/i.test(text)) throw new Error('the result panel does not show the decision "license required"');
    if (!/Parties were not screened: no party was given/.test(text)) throw new Error('the result panel does not say that the parties were not screened');
    if (!/2026/.test(text)) log('  note: the result panel does not show the data\'s as-of date');
  });

  await check('Check Item with a licence exception: the value is asked for only when LVS needs it, then LVS is available', async () => {
    await palette(page, 'Export Rules: Check Item…', { search: 'Check Item' });
    // 2B007 is NS2 for the whole entry, Tunisia has an X under NS2 and is in Country Group B;
    // 2B007's LVS line: "$5,000, except 2B007.b and .c" (15 CFR 740.3)
    const first = await answerCheckItem(page, {
      item: '2B007.a', itemRow: /2B007\.a/, destination: 'TN', destinationRow: /Tunisia/, done: /Check again with the shipment value/, what: 'the offer to give the shipment value',
    });
    log(`  quick picks: ${first.answered.join('; ')}`);
    if (!/Licence exceptions/.test(first.text)) throw new Error('no "Licence exceptions" section in the result panel');
    if (!/License required/i.test(first.text)) throw new Error('the decision is not "License required"');
    const frame = await webviewFrame(page, /Check again with the shipment value/);
    if (!frame) throw new Error('the result panel is gone');
    await frame.locator('button[data-command="checkWithValue"]').first().click({ timeout: 15_000 });
    const input = page.locator(Q_INPUT);
    await input.waitFor({ timeout: 15_000 });
    await input.fill('4000');
    await page.keyboard.press('Enter');
    const text = await pollFor(() => webviewText(page, /value \$4,000/), 30_000, 'the result checked again with the value $4,000');
    const section = text.slice(text.indexOf('Licence exceptions'));
    log(`  exceptions: ${section.replace(/\s+/g, ' ').slice(0, 300)}`);
    if (!/Available \(1\)\s*LVS/.test(section)) throw new Error(`LVS is not under "Available": ${section.slice(0, 300)}`);
    if (!/Limit \$5,000/.test(section)) throw new Error('the LVS limit ($5,000) is not shown');
    if (!/15 CFR 740\.3/.test(section)) throw new Error('the LVS citation (15 CFR 740.3) is not shown');
    if (/Check again with the shipment value/.test(text)) throw new Error('the value is still asked for after it was given');
    // the screenshot of this step shows the section
    const after = await webviewFrame(page, /value \$4,000/);
    await after?.evaluate(() => document.getElementById('exceptions')?.scrollIntoView({ block: 'start' })).catch(() => {});
  });

  await check('Check Item with a party on the Entity List: the screening hit beside the decision, licence required', async () => {
    await palette(page, 'Export Rules: Check Item…', { search: 'Check Item' });
    // 5A992 to China needs no licence by the Country Chart (AT only); the party is on the Entity
    // List "for all items subject to the EAR" (15 CFR 744.11), so a licence is required.
    const { text, answered } = await answerCheckItem(page, {
      item: '5A992', itemRow: /5A992/, destination: 'CN', destinationRow: /China/, party: 'chengdu', partyRow: /chengdu-latest/,
      done: /Party screening: match on a list/, what: 'the party screening with a match',
    });
    log(`  quick picks: ${answered.join('; ')}`);
    if (!answered.some((a) => a.includes('party -> chengdu'))) throw new Error(`never asked for a party (${answered.join('; ')})`);
    const section = text.slice(text.indexOf('Party screening'));
    log(`  screening: ${section.replace(/\s+/g, ' ').slice(0, 400)}`);
    if (!/License required/.test(text.slice(0, text.indexOf('Party screening')))) throw new Error(`the decision above the screening is not "License required": ${text.slice(0, 200)}`);
    for (const w of ['for chengdu-latest (Chengdu Latest Electronics Technology Co., Ltd.), end user, CN']) {
      if (!text.replace(/\s+/g, ' ').includes(w)) throw new Error(`the subject does not name the party: "${w}"`);
    }
    const flat = section.replace(/\s+/g, ' ');
    for (const w of ['Chengdu Latest Electronics Technology Company', 'Entity List', 'match, score 1', 'deciding',
      'embedded CSL snapshot (consolidated.json of 2026-07-31), of 2026-07-31', 'legal form co ltd / company set aside', '744']) {
      if (!flat.includes(w)) throw new Error(`the screening section does not show "${w}": ${flat.slice(0, 400)}`);
    }
    // the step's screenshot shows the decision with the screening below it (the top of the
    // panel; the reused panel kept the previous check's scroll position)
    const frame = await webviewFrame(page, /Party screening: match on a list/);
    await frame?.evaluate(() => window.scrollTo(0, 0)).catch(() => {});
  });

  await check('Check Item with a typed party name and its country: the Entity List hit in the screening section, licence required', async () => {
    await palette(page, 'Export Rules: Check Item…', { search: 'Check Item' });
    // A name typed as the order writes it, not a party of the rule files, with its country
    // picked: the embedded list has "Beijing Huanjia Telecommunication Co., Ltd." (China) on
    // the Entity List (85 FR 52901) "for all items subject to the EAR" (15 CFR 744.11), so
    // 5A992 to China, no licence by the Country Chart, needs one for this party.
    const name = 'Beijing Huanjia Telecommunication Company';
    const { text, answered } = await answerCheckItem(page, {
      item: '5A992', itemRow: /5A992/, destination: 'CN', destinationRow: /China/,
      party: name, partyRow: /Screen "Beijing Huanjia Telecommunication Company"/, partyCountry: 'China', partyCountryRow: /China/,
      done: /Beijing Huanjia Telecommunication Co\., Ltd\./, what: 'the screening hit of the typed name',
    });
    log(`  quick picks: ${answered.join('; ')}`);
    if (!answered.some((a) => a.includes(`party -> ${name}`))) throw new Error(`never asked for a party (${answered.join('; ')})`);
    if (!answered.some((a) => a.includes("party's country -> China"))) throw new Error(`never asked for the typed party's country (${answered.join('; ')})`);
    const at = text.indexOf('Party screening');
    if (at < 0) throw new Error(`no Party screening section: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    const section = text.slice(at).replace(/\s+/g, ' ');
    log(`  screening: ${section.slice(0, 400)}`);
    if (!/License required/.test(text.slice(0, at))) throw new Error(`the decision above the screening is not "License required": ${text.slice(0, 200)}`);
    if (!text.replace(/\s+/g, ' ').includes(`for the name "${name}", CN`)) throw new Error('the subject does not name the typed party and its country');
    for (const w of ['Party screening: match on a list', `the name "${name}", CN`, 'Beijing Huanjia Telecommunication Co., Ltd.', 'Entity List',
      'match, score 1', 'deciding', 'legal form company / co ltd set aside', 'embedded CSL snapshot (consolidated.json of 2026-07-31), of 2026-07-31', '744.16']) {
      if (!section.includes(w)) throw new Error(`the screening section does not show "${w}": ${section.slice(0, 400)}`);
    }
    if (/country CN is not the listed/.test(section)) throw new Error('the country given was not the one sent (a mismatch is reported)');
    const frame = await webviewFrame(page, /Beijing Huanjia Telecommunication Co\., Ltd\./);
    await frame?.evaluate(() => document.getElementById('screening-title')?.scrollIntoView({ block: 'start' })).catch(() => {});
  });

  await check('Testing view lists the rule tests with their outcome', async () => {
    await palette(page, 'Export Rules: Run Rule Tests', { search: 'Run Rule Tests' });
    await palette(page, 'Testing: Focus on Test Explorer View', { search: 'Focus on Test Explorer' });
    const sidebar = page.locator('.part.sidebar');
    const want = ['smartphones to Russia need a license', 'deliberately wrong expectation'];
    // Expand collapsed nodes (controller, files) until the tests show; each node once, since a
    // second click on a node whose expansion is still under way would collapse it again.
    const expanded = new Set();
    await pollFor(async () => {
      const found = await Promise.all(want.map((w) => visible(sidebar.locator('.monaco-list-row', { hasText: w }))));
      if (found.every(Boolean)) return true;
      const collapsed = sidebar.locator('.monaco-list-row[aria-expanded="false"]');
      for (const label of await collapsed.allInnerTexts()) {
        const key = label.replace(/\s+/g, ' ').trim();
        if (expanded.has(key)) continue;
        expanded.add(key);
        await sidebar.locator('.monaco-list-row[aria-expanded="false"]', { hasText: key }).first()
          .locator('.monaco-tl-twistie').click().catch(() => {});
      }
      return false;
    }, 30_000, `test items ${want.map((w) => `"${w}"`).join(' and ')} in the Testing view`);
    const pass = sidebar.locator('.monaco-list-row', { hasText: want[0] }).first();
    const fail = sidebar.locator('.monaco-list-row', { hasText: want[1] }).first();
    await pollFor(async () => await pass.locator('.codicon-testing-passed-icon').count() > 0, 30_000, `a passed icon on "${want[0]}"`);
    await pollFor(async () => await fail.locator('.codicon-testing-failed-icon').count() > 0, 30_000, `a failed icon on "${want[1]}"`);
    const rows = await sidebar.locator('.monaco-list-row').allInnerTexts();
    log(`  testing view: ${rows.map((r) => r.replace(/\s+/g, ' ').trim()).join(' | ').slice(0, 300)}`);
  });

  await check('Decision matrix: items by destination, grouped, with a legend and a text mark in every cell', async () => {
    await palette(page, 'Export Rules: Show Decision Matrix', { search: 'Show Decision Matrix' });
    const text = await pollFor(() => webviewText(page, /Decision matrix/), 45_000, 'the decision matrix webview');
    if (!/\bRU\b/.test(text)) throw new Error('the decision matrix has no column for Russia (RU)');
    if (!/license required/i.test(text)) throw new Error('the legend does not name the decisions in words');
    log(`  matrix: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
  });

  await check('What changed since HEAD: the pairs the Russia/Belarus rule made stricter', async () => {
    await palette(page, 'Export Rules: What Changed…', { search: 'What Changed' });
    await page.locator(Q_INPUT).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter'); // the revision: HEAD, the default
    const text = await pollFor(() => webviewText(page, /changed since HEAD/i), 45_000, 'the What changed webview');
    if (!/Russia|\bRU\b/.test(text)) throw new Error(`What changed does not list Russia: ${text.slice(0, 300)}`);
    if (!/stricter/i.test(text)) throw new Error('What changed does not say which changes are stricter');
    log(`  what changed: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
  });
}
