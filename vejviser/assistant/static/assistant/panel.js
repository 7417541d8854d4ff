// The "Ask Vejviser" jump button on a project page hides while the panel is on screen,
// so it never covers the panel's own form. Without JavaScript the button simply stays.
(() => {
  const jump = document.querySelector("[data-assistant-jump]");
  const panel = document.querySelector("[data-assistant-wrap]");
  if (!jump || !panel || !("IntersectionObserver" in window)) return;
  new IntersectionObserver(([entry]) => {
    jump.classList.toggle("is-hidden", entry.isIntersecting);
  }).observe(panel);
})();
