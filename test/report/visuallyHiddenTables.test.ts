import { describe, expect, it } from 'vitest';
import { buildReportHtml } from '../../src/report/buildReportHtml.js';
import { htmlPage } from '../../src/report/htmlPage.js';
import { createReportAccumulator } from '../../src/report/reportData.js';
import { PLAYGROUND_CSS } from '../../src/playground/playgroundStyle.js';
import { fakeDecision } from '../cli/fakeDecider.js';

/** Every rule of a stylesheet whose selector list names `selector`, whitespace removed. */
function rulesFor(css: string, selector: string): string[] {
  const flat = css.replace(/\s+/g, '');
  return [...flat.matchAll(/([^{}]+)\{([^{}]*)\}/g)].filter((m) => m[1]!.split(',').includes(selector)).map((m) => m[2]!);
}

// Outside tester round 28, F5: a <table class="sr-only"> ignores width:1px and overflow:hidden (a
// table is never narrower than its content) and white-space:nowrap made that content one line, so
// the hidden figures widened every page: 1,303 px at 1280 for 10,000 decisions, 6,334 px with a
// 400-character error code. Chromium measures it in test/deep/reportChromium.test.ts.
describe('visually hidden figure tables take no width', () => {
  const page = htmlPage({ title: 't', meta: [], body: '' });
  const sheets: readonly (readonly [string, string])[] = [
    ['report, simulate and monitor pages (htmlPage)', page],
    ['playground', PLAYGROUND_CSS],
  ];
  for (const [name, css] of sheets) {
    it(`${name}: .sr-only is the clipped 1 px box without nowrap, a hidden table is a block, its text wraps and breaks long tokens`, () => {
      const srOnly = rulesFor(css, '.sr-only').join(';');
      for (const d of ['position:absolute', 'width:1px', 'height:1px', 'overflow:hidden', 'clip:rect(0,0,0,0)', 'clip-path:inset(50%)'])
        expect(srOnly, d).toContain(d);
      expect(srOnly).not.toContain('nowrap');
      expect(rulesFor(css, 'table.sr-only').join(';')).toContain('display:block');
      expect(rulesFor(css, '.sr-only*').join(';')).toContain('overflow-wrap:anywhere');
    });
  }

  it('the report page carries the rule above its hidden figure tables', () => {
    const acc = createReportAccumulator();
    acc.addDecision(fakeDecision({ id: 'a', outcome: 'approve' }));
    acc.addRejection('W'.repeat(400));
    const html = buildReportHtml(acc.finish());
    expect(html).toContain('<table class="sr-only" data-figures>');
    expect(rulesFor(html.slice(html.indexOf('<style>') + 7, html.indexOf('</style>')), 'table.sr-only').join(';')).toContain('display:block');
  });
});
