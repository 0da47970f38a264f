/**
 * The CSS of `.sr-only`, text for screen readers that takes no room on screen, shared by the
 * report, simulation, monitoring and playground pages.
 *
 * A `<table>` box is never narrower than its content, so `width:1px` and `overflow:hidden` on a
 * hidden figures table did nothing, and `white-space:nowrap` laid its rows out as one line: the
 * invisible table widened the page (1,303 px at a 1280 px window; 6,334 px with a 400-character
 * error code). As a block it is clipped like any other element, and its text wraps (a long unbroken
 * token, such as an error code, breaks) instead of running on as one line.
 */
export const VISUALLY_HIDDEN_CSS =
  '.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);clip-path:inset(50%);border:0}' +
  '.sr-only,.sr-only *{white-space:normal;overflow-wrap:anywhere}' +
  'table.sr-only{display:block}';
