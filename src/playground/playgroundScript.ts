/**
 * The playground page's script, inline. Plain browser JavaScript with no framework and no template
 * literals (it lives inside one). It keeps the applicant being edited, asks the local server for a
 * decision on every change, and draws the answer; fields the Decision gains later are ignored, and
 * fields it lacks are shown as "-" rather than breaking the page.
 */
export const PLAYGROUND_SCRIPT = String.raw`
'use strict';
var state = { setup: null, applicant: null, monthlyBudget: null, seq: 0, lastLimit: null, token: 0 };
var $ = function (id) { return document.getElementById(id); };
function el(tag, attrs, children) {
  var e = document.createElement(tag);
  if (attrs) Object.keys(attrs).forEach(function (k) { if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); });
  (children || []).forEach(function (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
  return e;
}
// Yuan and fen split in integers (fen first, then an exact division): no float division places a fen.
function yuan(fen) {
  if (typeof fen !== 'number' || !isFinite(fen)) return '-';
  var abs = Math.abs(fen), cents = abs % 100, whole = (abs - cents) / 100;
  return (fen < 0 ? '-' : '') + '\u00a5' + whole.toLocaleString('en-US') + (cents ? '.' + String(cents).padStart(2, '0') : '');
}
// A signed figure with a true minus sign, as the factors are written (totals once showed "-").
function signed(v, digits) { return (v < 0 ? '\u2212' : '') + Math.abs(v).toFixed(digits); }
function pct(x, digits) { return typeof x === 'number' && isFinite(x) ? (x * 100).toFixed(digits === undefined ? 2 : digits) + '%' : '-'; }
// Yuan as typed, to fen: never rounded (6500.555 became 650056 fen without a note). Blank is null.
function toFen(value) {
  if (value === '') return null;
  var v = Number(value);
  if (!isFinite(v) || Math.abs(v * 100 - Math.round(v * 100)) > 1e-6) throw new Error(value + ' is not an amount in yuan with at most 2 decimals: amounts are whole fen (0.01 yuan). Not applied.');
  return Math.round(v * 100);
}
// A number as typed (a count, a score, a confidence); blank leaves the field out, so the server names
// it missing: Number('') is 0, and a blank was sent as 0 dependants, an IELTS 0 or a confidence of 0.
function toNumber(value) { return value === '' ? undefined : Number(value); }
// Fen as yuan for an input field, exactly: String(fen / 100) wrote 9007199254740991 as "90071992547409.9".
function fromFen(fen) {
  if (typeof fen !== 'number') return '';
  var abs = Math.abs(fen), cents = abs % 100;
  return (fen < 0 ? '-' : '') + String((abs - cents) / 100) + (cents ? '.' + String(cents).padStart(2, '0') : '');
}
function kindSpec(kind) { return (state.setup.catalog || []).find(function (k) { return k.id === kind; }) || null; }
function kindName(kind) { var s = kindSpec(kind); return s ? s.names.en : kind; }
// A level by its name, as the catalog gives it ("Level 4: intermediate worker"): its id is a code for uploads.
function levelName(kind, level) {
  var s = kindSpec(kind), levels = s && s.scale && s.scale.levels || [];
  var named = levels.find(function (l) { return l.id === level; });
  return named ? named.names.en : level;
}
// The result a certificate carries, as it is shown beside its kind: a score, or a level by its name.
function resultText(kind, c) { return c && c.score !== undefined ? ' ' + c.score : c && c.level ? ' (' + levelName(kind, c.level) + ')' : ''; }
function clone(x) { return JSON.parse(JSON.stringify(x)); }

function post(path, body) { return postText(path, JSON.stringify(body)); }
function postText(path, text) {
  return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })
    .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); });
}

function showError(err) {
  var box = $('error');
  box.replaceChildren();
  if (!err) { box.hidden = true; return; }
  box.hidden = false;
  box.appendChild(el('strong', { text: err.message || 'Something went wrong' }));
  var issues = err.issues || [];
  if (issues.length) box.appendChild(el('ul', null, issues.map(function (i) { return el('li', { text: (i.path || '(input)') + ': ' + i.message }); })));
}

// ---- inputs ---------------------------------------------------------------------------------
var FIELDS = [
  { id: 'income', get: function (a) { return fromFen(a.income.monthlyNet); }, set: function (a, v) { a.income.monthlyNet = toFen(v); } },
  { id: 'source', get: function (a) { return a.income.source; }, set: function (a, v) { a.income.source = v; } },
  { id: 'essentials', get: function (a) { return fromFen(a.household.monthlyEssentialSpending); }, set: function (a, v) { a.household.monthlyEssentialSpending = toFen(v); } },
  { id: 'dependants', get: function (a) { return a.household.dependants === undefined ? '' : String(a.household.dependants); }, set: function (a, v) { a.household.dependants = toNumber(v); } },
  { id: 'tier', get: function (a) { return String(a.residence.cityTier); }, set: function (a, v) { a.residence.cityTier = Number(v); } },
  { id: 'debt', get: function (a) { return fromFen(a.bureau.otherMonthlyDebtService); }, set: function (a, v) {
      // Repayments on other debt say nothing of a bureau file: hasFile stays as the applicant has it.
      // Blank leaves the field out (the schema reads that as none); anything typed is sent as typed,
      // so the server names a negative amount (it was dropped: fen > 0 or nothing).
      var fen = toFen(v);
      if (fen === null) delete a.bureau.otherMonthlyDebtService; else a.bureau.otherMonthlyDebtService = fen;
    } },
  { id: 'current', get: function (a) { return fromFen(a.platform.currentLimit); }, set: function (a, v) {
      var fen = toFen(v);
      if (fen === null) delete a.platform.currentLimit; else a.platform.currentLimit = fen;
    } },
  { id: 'requested', get: function (a) { return fromFen(a.controls && a.controls.requestedLimit); }, set: function (a, v) { setControl(a, 'requestedLimit', toFen(v)); } },
  { id: 'cap', get: function (a) { return fromFen(a.controls && a.controls.selfSetCap); }, set: function (a, v) { setControl(a, 'selfSetCap', toFen(v)); } },
  { id: 'over-budget', get: function (a) { return a.financialHealth ? String(a.financialHealth.overBudgetMonths) : ''; }, set: function (a, v) {
      // Blank: no budget signal (financialHealth left out). A count is sent as typed, 0 included, so
      // the server names a negative or fractional one (it was dropped: n > 0 or nothing).
      var n = toNumber(v);
      if (n === undefined) delete a.financialHealth; else a.financialHealth = { overBudgetMonths: n };
    } },
];
function setControl(a, key, fen) {
  a.controls = a.controls || {};
  if (fen === null) delete a.controls[key]; else a.controls[key] = fen;
}
function fillForm() {
  var a = state.applicant;
  // An applicant pasted as JSON may lack any part: its fields show empty, and the server names what is missing.
  FIELDS.forEach(function (f) { var v; try { v = f.get(a); } catch (e) { v = ''; } $(f.id).value = v === undefined || v === null ? '' : v; });
  $('budget').value = fromFen(state.monthlyBudget);
  $('json').value = JSON.stringify(a, null, 2);
  renderCertificates();
}
function renderCertificates() {
  var list = $('certs');
  list.replaceChildren();
  var items = Array.isArray(state.applicant.evidence) ? state.applicant.evidence : [];
  if (!items.length) list.appendChild(el('li', { class: 'muted', text: 'No certificates yet.' }));
  items.forEach(function (c, i) {
    var label = kindName(c.kind) + resultText(c.kind, c);
    var btn = el('button', { type: 'button', 'aria-label': 'Remove ' + label, 'data-remove': String(i), text: 'Remove' });
    btn.addEventListener('click', function () { state.applicant.evidence.splice(i, 1); fillForm(); decide(); });
    list.appendChild(el('li', { 'data-kind': c.kind }, [el('span', null, [label, el('span', { class: 'muted', text: c.verification ? ' \u00b7 ' + c.verification.method + ' ' + c.verification.confidence : '' })]), btn]));
  });
}
function onFieldChange(f) {
  return function () {
    var label = document.querySelector('label[for="' + f.id + '"]');
    try { f.set(state.applicant, $(f.id).value); } catch (e) { showError({ message: (label ? label.textContent + ': ' : '') + (e && e.message ? e.message : String(e)) }); return; }
    $('json').value = JSON.stringify(state.applicant, null, 2);
    decide();
  };
}
function pickExample() {
  var ex = state.setup.examples.find(function (e) { return e.id === $('example').value; });
  if (!ex) return;
  state.applicant = clone(ex.applicant);
  state.lastLimit = null;
  $('story').textContent = ex.story;
  showLeftOut(ex.leftOut || []);
  fillForm();
  decide();
}
// The certificates the example lost under the catalog in use, each named: never dropped without a word.
function showLeftOut(leftOut) {
  var list = $('left-out-list');
  list.replaceChildren();
  leftOut.forEach(function (l) {
    list.appendChild(el('li', { 'data-kind': l.kind, 'data-reason': l.reason }, [l.text.en, ' ', el('span', { lang: 'zh-Hans', class: 'muted', text: l.text.zhHans })]));
  });
  $('left-out').hidden = leftOut.length === 0;
}
// Which model, policy and catalog the decisions are made with, as their audit records them (the
// fingerprints' first 12 digits; all of them on hover and in the data attributes).
function showInUse(u) {
  if (!u) return;
  var mine = function (d) { return d ? 'default' : 'yours'; };
  var hash = function (h) { return el('code', { title: h, text: h.slice(0, 12) }); };
  var box = $('in-use');
  box.replaceChildren(
    'Model ' + u.model.id + ' (' + mine(u.model.isDefault) + ', sha256 ', hash(u.model.sha256),
    ') \u00b7 Policy \u201c' + u.policy.name + '\u201d version ' + u.policy.version + ' (' + mine(u.policy.isDefault) + ', ', hash(u.policy.hash),
    ') \u00b7 Catalog of ' + u.catalog.kinds + ' kinds (' + mine(u.catalog.isDefault) + ', ', hash(u.catalog.hash),
    ')' + (u.catalog.banned.length ? '; banned by the jurisdiction, not offered: ' + u.catalog.banned.join(', ') : ''),
  );
  box.setAttribute('data-model-sha256', u.model.sha256);
  box.setAttribute('data-policy-hash', u.policy.hash);
  box.setAttribute('data-catalog-hash', u.catalog.hash);
}
function fillCertificateForm() {
  var spec = kindSpec($('cert-kind').value);
  if (!spec) return;
  var scale = spec.scale || {}, typical = spec.typical || {};
  var score = $('cert-score'), level = $('cert-level');
  $('cert-score-row').hidden = scale.type !== 'numeric';
  $('cert-level-row').hidden = scale.type !== 'levels';
  if (scale.type === 'numeric') { score.min = scale.min; score.max = scale.max; score.step = scale.step || 'any'; score.value = typical.score !== undefined ? typical.score : scale.min; }
  level.replaceChildren();
  (scale.levels || []).forEach(function (l) { level.appendChild(el('option', { value: l.id, text: l.names.en })); });
  if (typical.level) level.value = typical.level;
  var method = $('cert-method');
  method.replaceChildren();
  (spec.methods || []).forEach(function (m) { method.appendChild(el('option', { value: m, text: m.replace(/_/g, ' ') })); });
  var verified = (spec.methods || []).find(function (m) { return m !== 'self_declared'; });
  if (verified) method.value = verified;
}
// issueDate: the date a suggestion's preview assumes; left out, the server dates it a month before asOf.
function addCertificate(kind, score, level, method, confidence, issueDate) {
  state.seq += 1;
  var body = { kind: kind, method: method, confidence: confidence, idHash: state.applicant.identity.idHash, asOf: state.applicant.asOf, seq: state.seq };
  if (score !== null && score !== undefined) body.score = score;
  if (level !== null && level !== undefined) body.level = level;
  if (issueDate) body.issueDate = issueDate;
  return post('/api/certificate', body).then(function (r) {
    if (!r.ok) { showError(r.body.error); return; }
    state.applicant.evidence = (state.applicant.evidence || []).concat([r.body.certificate]);
    fillForm();
    decide();
  });
}
function onAddCertificate() {
  var spec = kindSpec($('cert-kind').value);
  if (!spec) return;
  var scale = spec.scale || {};
  var score = scale.type === 'numeric' ? toNumber($('cert-score').value) : null;
  var level = scale.type === 'levels' ? $('cert-level').value : null;
  addCertificate(spec.id, score, level, $('cert-method').value, toNumber($('cert-confidence').value));
}

// ---- the decision ---------------------------------------------------------------------------
function decide() {
  var token = ++state.token;
  $('status').textContent = 'Deciding\u2026';
  return post('/api/decide', { applicant: state.applicant, monthlyBudget: state.monthlyBudget }).then(function (r) {
    if (token !== state.token) return;
    if (!r.ok) {
      showError(r.body.error);
      // The last decision was for another applicant: never leave it beside this one.
      $('outcome').textContent = '-'; $('outcome').setAttribute('data-outcome', '');
      $('limit').textContent = '-'; $('limit').setAttribute('data-fen', '');
      $('change').textContent = ''; state.lastLimit = null;
      $('status').textContent = 'Not decided: see the problem above.';
      return;
    }
    showError(null);
    render(r.body);
  }).catch(function (e) { showError({ message: 'The playground server did not answer: ' + e }); });
}

function render(answer) {
  var d = answer.decision || {}, budget = answer.budget || {};
  var out = $('outcome');
  out.textContent = d.outcome || '-';
  out.setAttribute('data-outcome', d.outcome || '');
  $('limit').textContent = yuan(d.limit);
  $('limit').setAttribute('data-fen', String(d.limit));
  var change = $('change');
  if (state.lastLimit !== null && state.lastLimit !== d.limit) {
    var delta = d.limit - state.lastLimit;
    change.textContent = yuan(state.lastLimit) + ' \u2192 ' + yuan(d.limit) + ' (' + (delta > 0 ? '+' : '') + yuan(delta) + ')';
    change.className = delta > 0 ? 'up' : 'down';
  } else { change.textContent = ''; change.className = ''; }
  state.lastLimit = d.limit;
  var setBy = answer.bindingText || { en: d.bindingConstraint, zhHans: d.bindingConstraint };
  // The Chinese text is marked as such, so a screen reader speaks it in Chinese.
  $('binding').replaceChildren.apply($('binding'), d.outcome === 'decline' ? ['Declined: see the principal reasons.'] : ['Binding constraint: ' + setBy.en + ' (' + d.bindingConstraint + ') \u00b7 ', el('span', { lang: 'zh-Hans', text: setBy.zhHans })]);
  $('price').setAttribute('data-pd', String(d.pd));
  $('price').textContent = 'APR ' + pct(d.apr) + ' \u00b7 daily rate ' + (d.dailyRateText || pct(d.dailyRate, 3)) + ' \u00b7 PD ' + pct(d.pd) + ' \u00b7 grade ' + (d.grade || '-');
  $('status').textContent = (d.outcome || '') + ' ' + yuan(d.limit) + (change.textContent ? ', ' + change.textContent : '');
  drawWaterfall(d.contributions || { factors: [], baseline: 0 }, d.pd);
  renderReasons(d.reasons || [], d);
  renderImpacts(d, answer.bindingText);
  // The previews of deciding again with the certificate, what Add does; never the decision's own,
  // which preview uploading it to that decision (17,700 RMB shown, 17,400 RMB given on Add).
  renderWhatIf(answer.suggestions || { items: [] });
  renderAffordability(d.affordability || { checks: [] }, answer.paymentPlanText, answer.testedLimitText);
  renderBudget(budget, d, answer.paymentPlanText);
}

var SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, text) {
  var e = document.createElementNS(SVG, tag);
  Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
  if (text !== undefined) e.textContent = text;
  return e;
}
function drawWaterfall(contributions, pd) {
  var factors = (contributions.factors || []).filter(function (f) { return Math.abs(f.value) >= 0.005; });
  var base = contributions.baseline || 0;
  var rows = [{ label: 'Average applicant', start: base, end: base, kind: 'total' }];
  var run = base;
  factors.forEach(function (f) { rows.push({ label: (f.label && f.label.en) || f.factor, start: run, end: run + f.value, kind: f.value > 0 ? 'up' : 'down', factor: f.factor, value: f.value }); run += f.value; });
  rows.push({ label: 'This applicant (PD ' + pct(pd) + ')', start: run, end: run, kind: 'total' });
  var lo = Math.min.apply(null, rows.map(function (r) { return Math.min(r.start, r.end); }));
  var hi = Math.max.apply(null, rows.map(function (r) { return Math.max(r.start, r.end); }));
  var pad = (hi - lo) * 0.08 || 0.5; lo -= pad; hi += pad;
  var W = 620, L = 230, R = 60, H = 24, top = 8;
  var x = function (v) { return L + (v - lo) / (hi - lo) * (W - L - R); };
  var root = svg('svg', { width: W, height: top + rows.length * H + 22, viewBox: '0 0 ' + W + ' ' + (top + rows.length * H + 22), role: 'img', 'data-chart': 'waterfall', 'aria-labelledby': 'waterfall-title' });
  root.appendChild(svg('title', { id: 'waterfall-title' }, 'Factor contributions from the average applicant to this applicant, in log-odds of default: red raises risk, green lowers it'));
  rows.forEach(function (r, i) {
    var y = top + i * H;
    root.appendChild(svg('text', { x: L - 6, y: y + 15, 'text-anchor': 'end' }, r.label));
    if (r.kind === 'total') {
      root.appendChild(svg('line', { x1: x(r.end), x2: x(r.end), y1: y + 2, y2: y + H - 2, stroke: '#1b1f24', 'stroke-width': 3, class: 'mark total' }));
      root.appendChild(svg('text', { x: x(r.end) + 6, y: y + 15 }, signed(r.end, 2)));
    } else {
      var a = x(Math.min(r.start, r.end)), b = x(Math.max(r.start, r.end));
      root.appendChild(svg('rect', { x: a, y: y + 4, width: Math.max(1, b - a), height: H - 8, fill: r.kind === 'up' ? '#cf222e' : '#1a7f37', class: 'mark', 'data-factor': r.factor, 'data-value': r.value.toFixed(4) }));
      root.appendChild(svg('text', { x: b + 4, y: y + 15 }, (r.value > 0 ? '+' : '\u2212') + Math.abs(r.value).toFixed(2)));
      if (i + 1 < rows.length) root.appendChild(svg('line', { x1: x(r.end), x2: x(r.end), y1: y + H - 4, y2: y + H + 4, stroke: '#8c959f' }));
    }
  });
  var axisY = top + rows.length * H + 4;
  root.appendChild(svg('line', { x1: L, x2: W - R, y1: axisY, y2: axisY, stroke: '#8c959f' }));
  root.appendChild(svg('text', { x: L, y: axisY + 14 }, signed(lo, 1)));
  root.appendChild(svg('text', { x: W - R, y: axisY + 14, 'text-anchor': 'end' }, signed(hi, 1) + ' log-odds'));
  // The figures as text for a screen reader: the drawing alone exposed only its title.
  var table = el('table', { class: 'sr-only', 'data-figures': '' }, [
    el('caption', { text: 'What moved the score: each factor in log-odds of default (+ raises risk, \u2212 lowers it)' }),
    el('tbody', null, rows.map(function (r) {
      var value = r.kind === 'total' ? signed(r.end, 2) : (r.value > 0 ? '+' : '\u2212') + Math.abs(r.value).toFixed(2);
      return el('tr', null, [el('th', { scope: 'row', text: r.label }), el('td', { text: value })]);
    })),
  ]);
  $('waterfall').replaceChildren(root, table);
}
function renderReasons(reasons, d) {
  var body = $('reasons-body');
  body.replaceChildren();
  if (!reasons.length) body.appendChild(el('tr', null, [el('td', { colspan: '2', class: 'muted', text: d.outcome === 'approve' ? 'None owed: approved at or above the amount asked.' : '-' })]));
  reasons.forEach(function (r) { body.appendChild(el('tr', { 'data-code': r.code }, [el('td', { text: r.en }), el('td', { lang: 'zh-Hans', text: r.zhHans })])); });
}
function renderImpacts(d, bindingText) {
  var body = $('impacts-body');
  body.replaceChildren();
  var items = d.evidence || [];
  if (!items.length) body.appendChild(el('tr', null, [el('td', { colspan: '4', class: 'muted', text: 'No certificates: add one on the left.' })]));
  items.forEach(function (e) {
    var impact = (d.certificateImpacts || []).find(function (c) { return c.index === e.index; });
    var reasons = (e.reasons || []).map(function (code) { var t = (state.setup.evidenceReasons || {})[code]; return t ? t.en : code; }).join(' ');
    body.appendChild(el('tr', { 'data-kind': e.kind }, [
      el('td', { text: kindName(e.kind) }),
      el('td', { class: e.status === 'accepted' ? 'pass' : 'fail', text: e.status + (reasons ? ': ' + reasons : '') }),
      el('td', { class: 'num', text: impact ? (impact.pdReduction >= 0 ? '\u2212' : '+') + (Math.abs(impact.pdReduction) * 100).toFixed(2) + ' pts' : '-' }),
      el('td', { class: 'num', 'data-gain': impact ? String(impact.limitGain) : '', text: impact ? (impact.limitGain < 0 ? '\u2212' + yuan(-impact.limitGain) : '+' + yuan(impact.limitGain)) : '-' }),
    ]));
    // Re-deciding without it changes the outcome (its copies, rejected as duplicates, then count).
    if (impact && impact.outcomeWithout && impact.outcomeWithout !== d.outcome) {
      body.appendChild(el('tr', { class: 'muted' }, [el('td', { colspan: '4', text: '\u21b3 without it the outcome would be ' + impact.outcomeWithout + '.' })]));
    }
    // Why a certificate that lowered the risk added nothing: the constraint that holds the limit.
    if (impact && impact.limitGain === 0 && impact.pdReduction > 0) {
      var held = d.outcome === 'decline' ? 'the application is declined; see the reasons' : 'the limit is set by ' + ((bindingText && bindingText.en) || d.bindingConstraint);
      body.appendChild(el('tr', { class: 'muted' }, [el('td', { colspan: '4', text: '\u21b3 lowered the risk but added nothing: ' + held + '.' })]));
    }
  });
}
function renderWhatIf(s) {
  var list = $('whatif');
  list.replaceChildren();
  (s.items || []).forEach(function (item) {
    var value = resultText(item.kind, item.assumed);
    var btn = el('button', { type: 'button', 'aria-label': 'Add ' + item.names.en + value, text: 'Add' });
    btn.addEventListener('click', function () {
      // The certificate the preview assumes, as it says it: its result, verification and issue date.
      var assumed = item.assumed || {};
      var said = assumed.verification;
      var spec = kindSpec(item.kind);
      var method = said ? said.method : spec && (spec.methods || []).find(function (m) { return m !== 'self_declared'; });
      addCertificate(item.kind, assumed.score, assumed.level, method || 'document_ocr', said ? said.confidence : 0.95, assumed.issueDate);
    });
    var referred = item.outcome === 'refer' ? ', proposed for a person to review' : '';
    var attrs = { 'data-kind': item.kind, 'data-limit': String(item.limit), 'data-pd': String(item.pd), 'data-outcome': item.outcome };
    if (item.assumption) attrs.title = item.assumption.en;
    list.appendChild(el('li', attrs, [item.names.en + value + ' \u2192 ' + yuan(item.limit) + ' (+' + yuan(item.limitGain) + referred + ') ', btn]));
  });
  if (!(s.items || []).length) list.appendChild(el('li', { class: 'muted' }, s.note ? [s.note.en + ' ', el('span', { lang: 'zh-Hans', text: s.note.zhHans })] : ['No suggestion.']));
}
// Which repayment the tested payment is, as the server words it: a payment is never shown without its plan.
function onPlan(planText) { return planText ? ' on ' + planText.en : ''; }
// The limit the payment is for, as the server words it: a decline's is not the ¥0 shown above.
function renderAffordability(a, planText, testedText) {
  // capacity is a limit (the largest that passes every check), not a monthly amount.
  $('afford-summary').textContent = (a.pass ? 'Pass' : 'Fail') + ': repayment ' + yuan(a.monthlyPayment) + ' a month' + onPlan(planText) + ' (the dearest way to repay it over the term) ' + (testedText ? testedText.en : '') + '; the largest limit that passes every check is ' + yuan(a.capacity) + '.';
  var body = $('afford-body');
  body.replaceChildren();
  (a.checks || []).forEach(function (c) {
    body.appendChild(el('tr', { 'data-check': c.id }, [
      el('td', null, [c.label ? c.label.en : c.id, el('br'), el('span', { class: 'muted', lang: 'zh-Hans', text: c.label ? c.label.zhHans : '' })]),
      el('td', { class: 'num', text: yuan(c.value) }),
      el('td', { class: 'num', text: (c.comparison === 'at_most' ? '\u2264 ' : '\u2265 ') + yuan(c.threshold) }),
      el('td', { class: c.pass ? 'pass' : 'fail', text: c.pass ? 'pass' : 'fail' }),
    ]));
  });
}
function renderBudget(b, d, planText) {
  var box = $('assistant');
  box.replaceChildren();
  box.appendChild(el('p', { text: 'Healthy limit ' + yuan(b.healthyLimit) + ': what income repays after living costs; no limit or suggestion goes above it.' }));
  // Owed above the line, the payment is the balance's: "a fully used ¥2,000 line" put ¥4,000's repayment beside it.
  var owed = d.affordability && d.affordability.balanceOwed;
  var repaid = owed && owed.aboveLimit ? 'Repaying the ' + yuan(owed.amount) + ' owed on this ' + yuan(d.limit) + ' line costs ' : 'A fully used ' + yuan(d.limit) + ' line costs ';
  if (d.limit > 0) box.appendChild(el('p', { text: repaid + yuan(b.monthlyPayment) + ' a month' + onPlan(planText) + ': ' + pct(b.paymentShareOfIncome, 0) + ' of income' + (b.paymentShareOfBudget !== null && b.paymentShareOfBudget !== undefined ? ', ' + pct(b.paymentShareOfBudget, 0) + ' of your ' + yuan(b.monthlyBudget) + ' monthly budget' : '') + '.' }));
  var offer = b.lowerLimitOffer;
  if (offer) {
    var lead = b.offerIsLive ? 'Now: ' : 'If spending ran over budget two months in a row: ';
    box.appendChild(el('p', { text: lead + (offer.offer ? 'offer a lower limit of ' + yuan(offer.recommendedLimit) + ' (you choose). ' : '') + (offer.explanation ? offer.explanation.en : '') }));
    if (offer.explanation) box.appendChild(el('p', { class: 'muted', lang: 'zh-Hans', text: offer.explanation.zhHans }));
  }
}

// ---- start ----------------------------------------------------------------------------------
fetch('/api/setup').then(function (r) { return r.json(); }).then(function (setup) {
  state.setup = setup;
  showInUse(setup.inUse);
  var select = $('example');
  setup.examples.forEach(function (e) { select.appendChild(el('option', { value: e.id, text: e.segment.replace(/_/g, ' ') })); });
  var kinds = $('cert-kind');
  ['professional', 'language', 'honour', 'gig'].concat(setup.catalog.map(function (k) { return k.category; })).filter(function (c, i, all) { return all.indexOf(c) === i; }).forEach(function (cat) {
    var group = el('optgroup', { label: cat });
    setup.catalog.filter(function (k) { return k.category === cat; }).forEach(function (k) { group.appendChild(el('option', { value: k.id, text: k.names.en + ' \u00b7 ' + k.names.zhHans })); });
    if (group.children.length) kinds.appendChild(group);
  });
  select.addEventListener('change', pickExample);
  kinds.addEventListener('change', fillCertificateForm);
  FIELDS.forEach(function (f) { $(f.id).addEventListener('change', onFieldChange(f)); });
  $('budget').addEventListener('change', function () { state.monthlyBudget = toFen($('budget').value); decide(); });
  $('add-cert').addEventListener('click', onAddCertificate);
  $('apply-json').addEventListener('click', function () {
    var parsed;
    try { parsed = JSON.parse($('json').value); } catch (e) { showError({ message: 'The applicant JSON does not parse: ' + e.message }); return; }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) { showError({ message: 'The applicant JSON must be an object' }); return; }
    // JSON.parse keeps the last of a repeated key without a word: the server reads the text as
    // written and names a repeated key (or a number a double would round), and then the applicant
    // is not taken; the text stays in the editor to mend.
    var text = '{"applicant":' + $('json').value + ',"monthlyBudget":' + JSON.stringify(state.monthlyBudget) + '}';
    postText('/api/decide', text).then(function (r) {
      var misread = !r.ok && r.body.error && (r.body.error.issues || []).some(function (i) { return i.code === 'duplicate_key' || i.code === 'imprecise_number'; });
      if (misread) { showError(r.body.error); return; }
      state.applicant = parsed;
      fillForm(); decide();
    }).catch(function (e) { showError({ message: 'The playground server did not answer: ' + e }); });
  });
  fillCertificateForm();
  pickExample();
  document.body.setAttribute('data-ready', 'true');
}).catch(function (e) { showError({ message: 'Could not load the playground: ' + e }); });
`;
