/**
 * The site's stylesheet and script, written as `assets/site.css` and
 * `assets/site.js`. The script is a classic one (module scripts do not load
 * from file://) and only filters the index: without it every event is listed.
 */

export const SITE_CSS = `:root {
  --fg: #1d2330; --muted: #5b6475; --bg: #ffffff; --panel: #f5f7fa; --line: #dde2ea;
  --accent: #2857c5; --warn: #9a5b00; --warn-bg: #fff5e0; --danger: #a32020;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg);
}
body { margin: 0; line-height: 1.5; }
header.site { background: var(--panel); border-bottom: 1px solid var(--line); padding: 0.75rem 1.5rem; }
header.site a { color: var(--fg); font-weight: 600; text-decoration: none; }
header.site nav { display: inline-flex; gap: 1rem; margin-left: 1.5rem; font-size: 0.9rem; }
header.site nav a { font-weight: 400; color: var(--accent); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem; }
code { background: var(--panel); padding: 0.05rem 0.3rem; border-radius: 3px; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 0.75rem; overflow-x: auto; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem; }
th { background: var(--panel); font-weight: 600; }
tr[hidden] { display: none; }
.muted { color: var(--muted); }
.badge { display: inline-block; font-size: 0.75rem; padding: 0 0.45rem; border-radius: 999px; border: 1px solid var(--line); background: var(--panel); margin-right: 0.25rem; }
.badge.deprecated { color: var(--warn); border-color: var(--warn); background: var(--warn-bg); }
.badge.error { color: var(--danger); border-color: var(--danger); }
.callout { border-left: 4px solid var(--warn); background: var(--warn-bg); padding: 0.5rem 0.75rem; margin: 0.75rem 0; }
.filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; margin: 1rem 0 0.5rem; }
.filters label { display: flex; flex-direction: column; font-size: 0.8rem; color: var(--muted); gap: 0.2rem; }
.filters input, .filters select { font: inherit; font-size: 0.9rem; padding: 0.3rem 0.45rem; border: 1px solid var(--line); border-radius: 4px; }
.filters input { min-width: 18rem; }
#count { color: var(--muted); font-size: 0.9rem; margin: 0.25rem 0; }
#empty { color: var(--muted); }
`

export const SITE_JS = `(function () {
  'use strict';
  var search = document.getElementById('search');
  var kind = document.getElementById('filter-kind');
  var owner = document.getElementById('filter-owner');
  var destination = document.getElementById('filter-destination');
  var count = document.getElementById('count');
  var empty = document.getElementById('empty');
  if (!search || !count) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('#events tbody tr'));

  function words(text) {
    return text.toLowerCase().split(/\\s+/).filter(function (w) { return w.length > 0; });
  }

  function matches(row, terms) {
    var haystack = row.getAttribute('data-search') || '';
    if (kind.value && row.getAttribute('data-kind') !== kind.value) return false;
    if (owner.value && row.getAttribute('data-owner') !== owner.value) return false;
    if (destination.value && (' ' + row.getAttribute('data-destinations') + ' ').indexOf(' ' + destination.value + ' ') < 0) return false;
    return terms.every(function (term) { return haystack.indexOf(term) >= 0; });
  }

  function apply() {
    var terms = words(search.value);
    var shown = 0;
    rows.forEach(function (row) {
      var visible = matches(row, terms);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown === rows.length
      ? rows.length + (rows.length === 1 ? ' event' : ' events')
      : shown + ' of ' + rows.length + ' events';
    if (empty) empty.hidden = shown !== 0;
  }

  search.addEventListener('input', apply);
  [kind, owner, destination].forEach(function (select) { select.addEventListener('change', apply); });
  apply();
})();
`
