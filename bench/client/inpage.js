/**
 * Runs inside every page the client benchmark opens (Playwright `addInitScript`, before any of the
 * app's own scripts). Plain JavaScript on purpose: it is injected as it is, and nothing of the
 * Node side's bundling leaks into the page. Node reads what it collected through
 * `page.evaluate('window.__bench…')`.
 *
 * - Event Timing entries (`type: 'event'`, durationThreshold 16 ms, buffered) and long tasks are
 *   collected from the start of the page.
 * - With an open spec (`window.__benchSpec`, set by a second init script), a poll on every
 *   animation frame records when the board first shows its content (see `ready`, `pollReady`).
 * - `watch(selector)` polls one element on every animation frame and records when each remote
 *   edit's marker `[r<i>]` is first on screen in it.
 */
(() => {
  if (window.__bench) return;
  const events = [];
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        events.push({ name: e.name, startTime: e.startTime, duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd, interactionId: e.interactionId || 0 });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {
    // Event Timing unsupported: `supported.events` stays false.
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ startTime: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // Long Tasks unsupported.
  }

  /** Text of an item as a person sees it: its own text plus the values of its text fields. */
  function itemText(el) {
    let text = el.textContent || '';
    if (el.matches('input, textarea')) text += ' ' + el.value;
    for (const f of el.querySelectorAll('input, textarea')) text += ' ' + f.value;
    return text;
  }

  /** The first whole number in a text ("1000 Karten", "1.000 cards", "(300)"). */
  function firstNumber(text) {
    const m = /\d[\d.,\u00a0\u202f ]*/.exec(text || '');
    if (!m) return NaN;
    return Number(m[0].replace(/[^\d]/g, ''));
  }

  /**
   * Readiness of an open spec:
   *   itemSelector  elements that are the board's items (cards, topics, nodes, blocks);
   *   minItems      at least this many of them in the DOM (min(N, 20): a windowed list passes);
   *   firstText     the first item shows this text (the content, not a placeholder);
   *   countSelector + countSum   elements whose first number (per element, e.g. the count in a
   *                 quadrant header) must add up to countSum (the whole board is known).
   */
  function ready(spec) {
    if (spec.countSelector) {
      const heads = document.querySelectorAll(spec.countSelector);
      if (heads.length === 0) return false;
      let sum = 0;
      for (const h of heads) {
        const countEl = spec.countInner ? h.querySelector(spec.countInner) : h;
        const n = firstNumber(countEl ? countEl.textContent : '');
        if (Number.isNaN(n)) return false;
        sum += n;
      }
      state.lastCountSum = sum;
      if (sum !== spec.countSum) return false;
    }
    const first = document.querySelector(spec.itemSelector);
    if (!first) return false;
    if (state.firstItemAt === undefined) state.firstItemAt = performance.now();
    if (spec.firstText && !itemText(first).includes(spec.firstText)) return false;
    const n = document.querySelectorAll(spec.itemSelector).length;
    state.itemsInDom = n;
    return n >= spec.minItems;
  }

  const state = { readyAt: undefined, domReadyAt: undefined, firstItemAt: undefined, itemsInDom: 0, lastCountSum: undefined };

  /*
   * The condition is checked in an animation frame callback, which runs BEFORE that frame's
   * style, layout, resize observers and paint. The board counts as shown when that frame is done:
   * the time of the next animation frame callback (work the frame caused, e.g. a thousand text
   * areas measuring themselves, is included).
   */
  function pollReady() {
    const spec = window.__benchSpec;
    if (!spec || state.readyAt !== undefined) return;
    try {
      if (ready(spec)) {
        state.domReadyAt = performance.now();
        requestAnimationFrame(() => {
          state.readyAt = performance.now();
        });
        return;
      }
    } catch {
      // The DOM is being built; try again next frame.
    }
    requestAnimationFrame(pollReady);
  }
  requestAnimationFrame(pollReady);

  let watcher;
  /*
   * A marker found in a frame callback is on screen once that frame is done: it is stamped at the
   * next frame callback (see pollReady).
   */
  function watch(selector) {
    unwatch();
    const seen = {};
    const w = { selector, el: null, seen, frames: 0, stopped: false, misses: 0 };
    const re = /\[r(\d+)\]/g;
    let pending = [];
    const tick = () => {
      if (w.stopped) return;
      w.frames++;
      const t = Date.now();
      for (const k of pending) if (seen[k] === undefined) seen[k] = t;
      pending = [];
      if (!w.el || !w.el.isConnected) w.el = document.querySelector(selector);
      if (w.el) {
        const text = itemText(w.el);
        re.lastIndex = 0;
        let m;
        while ((m = re.exec(text))) if (seen[m[1]] === undefined) pending.push(m[1]);
      } else w.misses++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    watcher = w;
  }
  function unwatch() {
    if (!watcher) return undefined;
    watcher.stopped = true;
    const out = { seen: watcher.seen, frames: watcher.frames, misses: watcher.misses };
    watcher = undefined;
    return out;
  }

  window.__bench = {
    state,
    supported: {
      events: PerformanceObserver.supportedEntryTypes.includes('event'),
      longtask: PerformanceObserver.supportedEntryTypes.includes('longtask'),
    },
    /** Page time (ms since navigation start) and wall-clock time, for windows. */
    now: () => ({ perf: performance.now(), epoch: Date.now(), origin: performance.timeOrigin }),
    eventCount: () => events.length,
    /**
     * Where an open's time went, up to page time `until`: the document, each script/stylesheet/
     * fetch (start → end, bytes on the wire), the app's own marks (`werkraum:*`) and long tasks.
     */
    timeline: (until) => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime <= until)
        .map((e) => ({ name: e.name.replace(location.origin, ''), type: e.initiatorType, start: Math.round(e.startTime), end: Math.round(e.responseEnd), bytes: e.transferSize || 0 }));
      const marks = performance
        .getEntriesByType('mark')
        .filter((e) => e.name.startsWith('werkraum:') && e.startTime <= until)
        .map((e) => ({ name: e.name, at: Math.round(e.startTime) }));
      const tasks = longTasks.filter((e) => e.startTime <= until).map((e) => ({ start: Math.round(e.startTime), ms: Math.round(e.duration) }));
      return {
        document: nav ? { responseEnd: Math.round(nav.responseEnd), domContentLoaded: Math.round(nav.domContentLoadedEventEnd), load: Math.round(nav.loadEventEnd) } : null,
        resources: res,
        marks,
        longTasks: tasks,
      };
    },
    /** Event Timing entries that started in [from, to] (page time). */
    eventsBetween: (from, to) => events.filter((e) => e.startTime >= from && e.startTime <= to),
    /** Long tasks overlapping [from, to] (page time). */
    longTasksBetween: (from, to) => longTasks.filter((e) => e.startTime + e.duration >= from && e.startTime <= to),
    /**
     * End (page time) of the busy stretch from `from` on: the end of the last long task before the
     * first gap of `quietMs` without one (`from` itself when the page was quiet at once).
     */
    busyUntil: (from, quietMs) => {
      const tasks = longTasks.filter((e) => e.startTime + e.duration > from).sort((a, b) => a.startTime - b.startTime);
      let end = from;
      for (const t of tasks) {
        if (t.startTime - end >= quietMs) break;
        end = Math.max(end, t.startTime + t.duration);
      }
      return end;
    },
    /** End (page time) of the most recent long task, or -1. */
    lastLongTaskEnd: () => (longTasks.length ? Math.max(...longTasks.map((e) => e.startTime + e.duration)) : -1),
    watch,
    unwatch,
    /** What the running watch has seen so far (marker → epoch ms). */
    watchSeen: () => (watcher ? watcher.seen : {}),
    itemCount: (selector) => document.querySelectorAll(selector).length,
  };
})();
