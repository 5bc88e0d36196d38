// Sizes each obplay iframe to the height it reports, so the page scrolls, not the iframe.
// Only messages from the page's own iframes (same origin) are read.
window.addEventListener('message', (ev) => {
  const data = ev.data;
  if (ev.origin !== window.location.origin || !data || data.type !== 'obplay:height') return;
  const height = Number(data.height);
  if (!Number.isFinite(height) || height <= 0) return;
  for (const frame of document.querySelectorAll('iframe.playground')) {
    if (frame.contentWindow === ev.source) {
      frame.height = String(Math.ceil(Math.min(height, 5000)));
      frame.dataset.reported = 'yes';
    }
  }
});
