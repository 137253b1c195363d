// publisher serve: keeps a preview page up to date. On the web page ("/") a newer build is
// patched in place, only the elements that changed replaced (the page reloads when its head
// changed beyond its styles and title), keeping the scroll position; on "/print" it swaps the pages that
// changed and scrolls to the first of them; a draft's pages (laid out in finer parts, shown
// first) carry a badge until the PDF's own replace them. A failed build leaves the page as it is, under
// an overlay that says FILE:LINE: what is wrong, until a build succeeds again.
(() => {
  "use strict";
  const script = document.currentScript;
  const onPrint = document.body === null ? false : document.body.classList.contains("publisher-print");
  const scrollKey = "publisher-preview-scroll";
  let shownWeb = script && script.dataset.generation !== undefined ? Number(script.dataset.generation) : null;
  let shownPrint = 0;

  function addStyles() {
    if (!document.querySelector('link[href="/_preview/preview.css"]')) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = "/_preview/preview.css";
      document.head.appendChild(link);
    }
  }

  function showError(message) {
    let overlay = document.getElementById("publisher-preview-overlay");
    if (!message) {
      if (overlay) overlay.remove();
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "publisher-preview-overlay";
      overlay.setAttribute("role", "alert");
      document.body.appendChild(overlay);
    }
    overlay.replaceChildren();
    const head = document.createElement("strong");
    head.textContent = "The last edit does not build; the preview shows the last good build.";
    overlay.append(head, document.createTextNode(message));
  }

  async function showPages(scrollToChange) {
    const answer = await fetch("/print/pages.json", {cache: "no-store"});
    const view = await answer.json();
    if (view.generation === 0 || view.generation < shownPrint) return;
    shownPrint = view.generation;
    const holder = document.getElementById("publisher-pages");
    const figures = [...holder.children];
    view.pages.forEach((page, index) => {
      let figure = figures[index];
      if (!figure) {
        figure = document.createElement("figure");
        figure.className = "publisher-page";
        const img = document.createElement("img");
        img.loading = "lazy";
        figure.append(img, document.createElement("figcaption"));
        holder.appendChild(figure);
      }
      const img = figure.querySelector("img");
      figure.id = "page-" + (index + 1);
      figure.dataset.label = page.label;
      figure.classList.toggle("publisher-changed", scrollToChange && view.first_changed !== null && index >= view.first_changed
        && img.getAttribute("src") !== page.image);
      img.width = Math.round(page.width);
      img.height = Math.round(page.height);
      img.alt = "Page " + page.label;
      figure.querySelector("figcaption").textContent = page.label;
    });
    figures.slice(view.pages.length).forEach((figure) => figure.remove());
    // The page scrolled to asks for its picture first (the server drew it beforehand), then
    // the others, lazily: those near it, not those near where the reader was.
    const target = scrollToChange && view.first_changed !== null ? holder.children[view.first_changed] : null;
    if (target) {
      target.querySelector("img").loading = "eager";
      target.scrollIntoView({block: "start"});
    }
    const order = [...holder.children].map((figure, index) => [figure, index]);
    if (target) order.unshift([target, view.first_changed]);
    for (const [figure, index] of order) {
      const img = figure.querySelector("img");
      if (img.getAttribute("src") !== view.pages[index].image) img.src = view.pages[index].image;
    }
    document.getElementById("publisher-page-count").textContent = view.pages.length + (view.pages.length === 1 ? " page" : " pages");
    document.getElementById("publisher-provisional").hidden = !view.provisional;
    document.body.dataset.generation = String(view.generation);
    if (target) {
      const img = target.querySelector("img");
      target.scrollIntoView({block: "start"});
      // When the first changed page is on screen (benchmarks/serve.py reads it).
      const shown = () => {
        Object.assign(document.body.dataset, {shownAt: String(Date.now()), shownGeneration: String(view.generation),
          shownProvisional: String(view.provisional)});
      };
      if (img.complete && img.naturalWidth > 0) shown(); else img.addEventListener("load", shown, {once: true});
    }
  }

  // The preview's own elements: its script and styles, the overlay. A patch leaves them be.
  function isOwn(node) {
    return node.nodeType === Node.ELEMENT_NODE && ((node.id || "").startsWith("publisher-preview")
      || (node.getAttribute("src") || node.getAttribute("href") || "").startsWith("/_preview/"));
  }

  // The head without the preview's own tags, nor what can change in place (its styles'
  // text, fonts included, and the title): heads equal but for those let a new build be
  // patched into the page; any other change to the head reloads it.
  function headSignature(doc) {
    return [doc.documentElement.cloneNode(false).outerHTML, ...[...doc.head.children].filter((element) => !isOwn(element))
      .map((element) => element.matches("style, title") ? element.cloneNode(false).outerHTML : element.outerHTML)].join("\n");
  }

  // Make `old` (in this page) show what `fresh` (in the new build) shows, touching only what
  // differs: equal subtrees stay as they are, so an edit to one paragraph of a long page
  // replaces that paragraph, not the page (the browser lays out again only around it).
  function patch(old, fresh) {
    if (old.isEqualNode(fresh)) return;
    if (old.nodeType !== Node.ELEMENT_NODE || old.nodeName !== fresh.nodeName) {
      old.replaceWith(document.importNode(fresh, true));
      return;
    }
    for (const {name} of [...old.attributes]) if (!fresh.hasAttribute(name)) old.removeAttribute(name);
    for (const {name, value} of [...fresh.attributes]) if (old.getAttribute(name) !== value) old.setAttribute(name, value);
    const before = [...old.childNodes].filter((node) => !isOwn(node));
    const after = [...fresh.childNodes].filter((node) => !isOwn(node));
    // The children alike at both ends stay; between them, one for one if as many, else anew.
    let start = 0;
    while (start < before.length && start < after.length && before[start].isEqualNode(after[start])) start++;
    let endBefore = before.length, endAfter = after.length;
    while (endBefore > start && endAfter > start && before[endBefore - 1].isEqualNode(after[endAfter - 1])) {
      endBefore--;
      endAfter--;
    }
    if (endBefore - start === endAfter - start) {
      for (let index = start; index < endBefore; index++) patch(before[index], after[index]);
      return;
    }
    const next = endBefore < before.length ? before[endBefore] : null;
    before.slice(start, endBefore).forEach((node) => node.remove());
    for (const node of after.slice(start, endAfter)) old.insertBefore(document.importNode(node, true), next);
  }

  let lastStatus = null;
  let refreshing = false;

  async function showWeb() {
    if (refreshing) return;
    refreshing = true;
    try {
      const answer = await fetch("/", {cache: "no-store"});
      const fresh = new DOMParser().parseFromString(await answer.text(), "text/html");
      const tag = fresh.querySelector('script[src="/_preview/preview.js"]');
      const generation = tag ? Number(tag.dataset.generation) : null;
      if (generation === 0 || headSignature(fresh) !== headSignature(document)) {
        sessionStorage.setItem(scrollKey, String(window.scrollY));
        window.location.reload();
        return;
      }
      const x = window.scrollX, y = window.scrollY;
      patch(document.head, fresh.head);
      patch(document.body, fresh.body);
      window.scrollTo(x, y);
      shownWeb = generation;
      if (lastStatus) onStatus(lastStatus);
    } finally {
      refreshing = false;
    }
    if (lastStatus && lastStatus.web !== shownWeb) showWeb();
  }

  function onStatus(status) {
    lastStatus = status;
    if (onPrint) {
      document.getElementById("publisher-rebuilding").hidden = !status.building.includes("print");
      showError(status.print_error || status.web_error);
      if (status.print > shownPrint) showPages(shownPrint > 0);
    } else {
      // A print error stays shown here only while no new print build is on its way.
      showError(status.web_error || (status.building.includes("print") ? null : status.print_error));
      if (shownWeb !== null && status.web !== shownWeb) showWeb();
    }
  }

  addStyles();
  if (!onPrint) {
    const saved = sessionStorage.getItem(scrollKey);
    if (saved !== null) {
      sessionStorage.removeItem(scrollKey);
      window.scrollTo(0, Number(saved));
    }
  }
  const events = new EventSource("/_preview/events");
  events.addEventListener("status", (event) => onStatus(JSON.parse(event.data)));
})();
