/*
 * Freigabe comment counts for teaser pages.
 *
 *   <span data-freigabe-count data-site="SLUG" data-article="ID">Kommentare</span>
 *   <script src="https://HOST/widget/count.js" async></script>
 *
 * Fills every such element with "12 Kommentare" (or just "12" with data-format="number"),
 * asking the server once per site for up to 100 articles. Elements added later are filled
 * by window.FreigabeCount.refresh().
 */
(() => {
  "use strict";

  const BATCH = 100; // the server answers up to 100 articles per request
  const script = document.currentScript
    || document.querySelector('script[src*="/widget/count.js"]');
  const api = new URL("../api/v1/", script.src);
  const english = (document.documentElement.lang || "de").toLowerCase().startsWith("en");
  const label = (n, text) => (english ? `${text} comment${n === 1 ? "" : "s"}`
    : `${text} Kommentar${n === 1 ? "" : "e"}`);

  function fill(element, n) {
    const text = n.toLocaleString(english ? "en" : "de");
    element.textContent = element.dataset.format === "number" ? text : label(n, text);
  }

  async function ask(site, ids, elements) {
    const url = new URL(`sites/${encodeURIComponent(site)}/counts`, api);
    url.searchParams.set("articles", ids.join(","));
    try {
      const response = await fetch(url, { credentials: "omit" });
      if (!response.ok) return; // the page's own text stays
      const { counts } = await response.json();
      // An article the server does not know has no comments yet.
      for (const id of ids) for (const element of elements.get(id)) fill(element, counts[id] || 0);
    } catch (error) {
      // offline or blocked: the page's own text stays
    }
  }

  function refresh() {
    const sites = new Map(); // site -> article id -> elements
    for (const element of document.querySelectorAll("[data-freigabe-count]")) {
      const { site, article } = element.dataset;
      if (!site || !article) continue;
      if (!sites.has(site)) sites.set(site, new Map());
      const elements = sites.get(site);
      if (!elements.has(article)) elements.set(article, []);
      elements.get(article).push(element);
    }
    for (const [site, elements] of sites) {
      const ids = [...elements.keys()];
      for (let start = 0; start < ids.length; start += BATCH) {
        ask(site, ids.slice(start, start + BATCH), elements);
      }
    }
  }

  window.FreigabeCount = { refresh };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refresh, { once: true });
  } else {
    refresh();
  }
})();
