// The decision matrix view: filtering by text and Country Group, keyboard movement (one tab
// stop; arrow keys, Home and End move between visible cells), and messages to the extension,
// which looks the item and destination up in its own copy of the matrix (only indices travel).
import { vscodeApi } from './api';
import { wireCommands } from './commands';

interface MatrixState {
  filter?: string;
  group?: string;
  left?: number;
  top?: number;
}

const api = vscodeApi<MatrixState>();
wireCommands(api);

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the matrix page has no #${id}`);
  return el as T;
}

const table = byId<HTMLTableElement>('matrix');
const filter = byId<HTMLInputElement>('filter');
const group = byId<HTMLSelectElement>('group');
const date = byId<HTMLInputElement>('date');
const count = byId<HTMLElement>('match-count');
const noMatch = byId<HTMLElement>('no-match');
const scroller = document.querySelector<HTMLElement>('.scroll')!;
const rows = Array.from(table.tBodies[0]?.rows ?? []);
const heads = Array.from(table.querySelectorAll<HTMLTableCellElement>('th.dest'));
const groupHeads = Array.from(table.querySelectorAll<HTMLTableCellElement>('th.group-head'));

const saved = api.getState() ?? {};
filter.value = saved.filter ?? '';
group.value = saved.group ?? '';

// a refresh replaces the page; the filter and the scroll position survive it
function save(): void {
  api.setState({ filter: filter.value, group: group.value, left: scroller.scrollLeft, top: scroller.scrollTop });
}

function apply(): void {
  const text = filter.value.trim().toLowerCase();
  const g = group.value;
  const inGroup = heads.filter((h) => !g || h.dataset.group === g);
  const colHits = text ? inGroup.filter((h) => (h.dataset.label ?? '').toLowerCase().includes(text)) : [];
  const rowHits = text ? rows.filter((r) => (r.dataset.label ?? '').toLowerCase().includes(text)) : [];
  const nothing = text !== '' && colHits.length === 0 && rowHits.length === 0;
  // the text narrows rows when it names items, columns when it names destinations
  const shownCols = new Set((colHits.length ? colHits : inGroup).map((h) => h.dataset.col));
  const shownRows = new Set(rowHits.length ? rowHits : rows);
  for (const h of heads) h.hidden = !shownCols.has(h.dataset.col);
  for (const r of rows) {
    r.hidden = nothing || !shownRows.has(r);
    for (const c of Array.from(r.cells)) if (c.dataset.col !== undefined) c.hidden = !shownCols.has(c.dataset.col);
  }
  for (const gh of groupHeads) {
    const n = heads.filter((h) => !h.hidden && h.dataset.group === gh.dataset.group).length;
    gh.hidden = n === 0;
    if (n > 0) gh.colSpan = n;
  }
  noMatch.hidden = !nothing;
  count.textContent = nothing ? '' : `${shownRows.size} item(s), ${shownCols.size} destination(s) shown`;
  save();
  ensureTabStop();
}

function visibleCells(): HTMLTableCellElement[][] {
  return rows.filter((r) => !r.hidden).map((r) => Array.from(r.querySelectorAll<HTMLTableCellElement>('td.cell')).filter((c) => !c.hidden));
}

function ensureTabStop(): void {
  const current = table.querySelector<HTMLTableCellElement>('td.cell[tabindex="0"]');
  if (current && !current.hidden && !current.parentElement?.hidden) return;
  if (current) current.tabIndex = -1;
  const first = visibleCells()[0]?.[0];
  if (first) first.tabIndex = 0;
}

function focusCell(cell: HTMLTableCellElement): void {
  const current = table.querySelector<HTMLTableCellElement>('td.cell[tabindex="0"]');
  if (current) current.tabIndex = -1;
  cell.tabIndex = 0;
  cell.focus();
}

function check(cell: HTMLTableCellElement): void {
  api.postMessage({ command: 'check', row: Number(cell.dataset.row), col: Number(cell.dataset.col) });
}

const cellOf = (event: Event) => (event.target instanceof Element ? event.target.closest<HTMLTableCellElement>('td.cell') : null);

table.addEventListener('click', (event) => {
  const cell = cellOf(event);
  if (!cell) return;
  focusCell(cell);
  check(cell);
});

const MOVES: Record<string, (r: number, c: number, width: number) => [number, number]> = {
  ArrowRight: (r, c) => [r, c + 1],
  ArrowLeft: (r, c) => [r, c - 1],
  ArrowDown: (r, c) => [r + 1, c],
  ArrowUp: (r, c) => [r - 1, c],
  Home: (r) => [r, 0],
  End: (r, _c, width) => [r, width - 1],
};

table.addEventListener('keydown', (event) => {
  const cell = cellOf(event);
  if (!cell) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    check(cell);
    return;
  }
  const move = MOVES[event.key];
  if (!move) return;
  const grid = visibleCells();
  const r0 = grid.findIndex((row) => row.includes(cell));
  if (r0 < 0) return;
  event.preventDefault();
  let [r, c] = move(r0, grid[r0]!.indexOf(cell), grid[r0]!.length);
  r = Math.max(0, Math.min(grid.length - 1, r));
  c = Math.max(0, Math.min(grid[r]!.length - 1, c));
  const target = grid[r]![c];
  if (target) focusCell(target);
});

filter.addEventListener('input', apply);
group.addEventListener('change', apply);
date.addEventListener('change', () => {
  // the extension checks the date (a date input gives yyyy-mm-dd, or nothing while incomplete)
  if (date.value) api.postMessage({ command: 'setDate', date: date.value });
});
scroller.addEventListener('scroll', save, { passive: true });
apply();
scroller.scrollLeft = saved.left ?? 0;
scroller.scrollTop = saved.top ?? 0;
