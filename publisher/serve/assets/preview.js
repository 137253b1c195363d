// publisher serve: keeps a preview page up to date. On the web page ("/") a newer build's
// body takes the place of the old one (the page reloads when its head changed: styles,
// fonts), keeping the scroll position; on "/print" it swaps the pages that
// changed and scrolls to the first of them. A failed build leaves the page as it is, under
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
      if (img.getAttribute("src") !== page.image) img.src = page.image;
      figure.querySelector("figcaption").textContent = page.label;
    });
    figures.slice(view.pages.length).forEach((figure) => figure.remove());
    document.getElementById("publisher-page-count").textContent = view.pages.length + (view.pages.length === 1 ? " page" : " pages");
    document.body.dataset.generation = String(view.generation);
    if (scrollToChange && view.first_changed !== null) {
      const target = holder.children[view.first_changed];
      const img = target.querySelector("img");
      img.loading = "eager";
      target.scrollIntoView({block: "start"});
      // When the first changed page is on screen (benchmarks/serve.py reads it).
      const shown = () => { document.body.dataset.shownAt = String(Date.now()); document.body.dataset.shownGeneration = String(view.generation); };
      if (img.complete && img.naturalWidth > 0) shown(); else img.addEventListener("load", shown, {once: true});
    }
  }

  // The head without the preview's own tags: equal heads (styles, fonts) let a new build's
  // body replace the old one in place, faster than a reload and with the scroll kept.
  function headSignature(doc) {
    return [...doc.head.children]
      .filter((element) => !(element.getAttribute("src") || element.getAttribute("href") || "").startsWith("/_preview/"))
      .map((element) => element.outerHTML).join("\n");
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
      document.body.replaceWith(document.adoptNode(fresh.body));
      window.scrollTo(x, y);
      shownWeb = generation;
      document.title = fresh.title;
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
