import { PLAYGROUND_SCRIPT } from './playgroundScript.js';
import { PLAYGROUND_CSS } from './playgroundStyle.js';

/**
 * The playground's single page: under its title, the model, policy and catalog it decides with; the applicant editor on the left (in tab order: example, income and
 * household, line and controls, certificates, JSON), the decision on the right. Every control has a
 * label; buttons are real buttons; the decision's one-line summary is announced politely.
 */
export function playgroundPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>creditlift playground</title>
<style>${PLAYGROUND_CSS}</style>
</head>
<body>
<header>
  <h1>creditlift playground</h1>
  <p>Runs on this computer only (127.0.0.1): pick an example or edit the applicant, add certificates, and see the decision at once. Amounts in RMB.</p>
  <p id="in-use" class="muted"></p>
</header>
<main>
<section aria-labelledby="inputs-h">
  <h2 id="inputs-h">Applicant</h2>
  <label for="example">Example applicant</label>
  <select id="example"></select>
  <p id="story"></p>
  <div id="left-out" role="note" hidden>
    <p>Left out of this example: the catalog in use does not count these certificates as the example writes them.</p>
    <ul id="left-out-list"></ul>
  </div>
  <fieldset>
    <legend>Income and household</legend>
    <div class="row">
      <div><label for="income">Monthly net income (¥)</label><input id="income" type="number" min="0" step="100" inputmode="decimal"></div>
      <div><label for="source">Income verified by</label><select id="source"><option value="payroll">payroll</option><option value="tax_record">tax record</option><option value="bank_statement">bank statement</option><option value="self_declared">self-declared</option></select></div>
      <div><label for="essentials">Essential spending a month (¥)</label><input id="essentials" type="number" min="0" step="100"></div>
      <div><label for="dependants">Dependants</label><input id="dependants" type="number" min="0" max="20" step="1"></div>
      <div><label for="tier">City tier</label><select id="tier"><option value="1">1</option><option value="2">2</option><option value="3">3</option><option value="4">4</option><option value="5">5</option></select></div>
      <div><label for="debt">Other debt repayments a month (¥, blank: none)</label><input id="debt" type="number" min="0" step="100"></div>
    </div>
  </fieldset>
  <fieldset>
    <legend>Line, budget and your own controls</legend>
    <div class="row">
      <div><label for="current">Current limit (¥, blank: none)</label><input id="current" type="number" min="0" step="100"></div>
      <div><label for="requested">Limit asked for (¥, blank: none)</label><input id="requested" type="number" min="0" step="100"></div>
      <div><label for="cap">Your own cap (¥, blank: none)</label><input id="cap" type="number" min="0" step="100"></div>
      <div><label for="budget">Your monthly budget (¥, blank: none)</label><input id="budget" type="number" min="0" step="100"></div>
      <div><label for="over-budget">Months in a row over budget (blank: none)</label><input id="over-budget" type="number" min="0" max="120" step="1"></div>
    </div>
  </fieldset>
  <fieldset>
    <legend>Certificates</legend>
    <ul id="certs" aria-label="Certificates on file"></ul>
    <label for="cert-kind">Certificate from the catalog</label>
    <select id="cert-kind"></select>
    <div class="row">
      <div id="cert-score-row"><label for="cert-score">Score</label><input id="cert-score" type="number"></div>
      <div id="cert-level-row" hidden><label for="cert-level">Level</label><select id="cert-level"></select></div>
      <div><label for="cert-method">Verified by</label><select id="cert-method"></select></div>
      <div><label for="cert-confidence">Verifier confidence (0-1)</label><input id="cert-confidence" type="number" min="0" max="1" step="0.01" value="0.95"></div>
    </div>
    <button id="add-cert" class="primary" type="button">Add certificate</button>
  </fieldset>
  <details>
    <summary>Edit the applicant as JSON</summary>
    <label for="json">Applicant JSON</label>
    <textarea id="json" spellcheck="false"></textarea>
    <button id="apply-json" type="button">Apply JSON</button>
  </details>
</section>
<section aria-labelledby="result-h">
  <h2 id="result-h">Decision</h2>
  <div id="error" role="alert" hidden></div>
  <p id="status" class="muted" aria-live="polite"></p>
  <div id="headline"><span id="outcome"></span><span id="limit" data-fen=""></span><span id="change"></span></div>
  <p id="binding"></p>
  <p id="price"></p>
  <h3>What moved the score</h3>
  <p class="muted">+ raises risk (and so lowers the limit), &minus; lowers risk; log-odds of default against the average applicant.</p>
  <div id="waterfall"></div>
  <div class="cards">
    <div>
      <h3>Principal reasons</h3>
      <table><thead><tr><th scope="col">English</th><th scope="col" lang="zh-Hans">中文</th></tr></thead><tbody id="reasons-body"></tbody></table>
      <h3>Each certificate's impact</h3>
      <table><thead><tr><th scope="col">Certificate</th><th scope="col">Status</th><th scope="col" class="num">Risk</th><th scope="col" class="num">Limit</th></tr></thead><tbody id="impacts-body"></tbody></table>
      <h3>What would raise it</h3>
      <p class="muted">Each limit is what deciding this applicant again with the certificate gives, issued on the decision date: Add does just that.</p>
      <ul id="whatif"></ul>
    </div>
    <div>
      <h3>Affordability checks</h3>
      <p id="afford-summary"></p>
      <table><thead><tr><th scope="col">Check</th><th scope="col" class="num">Value</th><th scope="col" class="num">Rule</th><th scope="col">Result</th></tr></thead><tbody id="afford-body"></tbody></table>
      <h3>Budget assistant</h3>
      <div id="assistant"></div>
    </div>
  </div>
</section>
</main>
<script>${PLAYGROUND_SCRIPT}</script>
</body>
</html>
`;
}
